import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zhigong.core.idnumber import check_digit, normalise, parse_id_number, upgrade


def make(prefix: str, birth: str, seq: str = "123") -> str:
    body = prefix + birth + seq
    return body + check_digit(body)


def test_valid_wuhan_number_born_1980_in_a_county_of_that_time():
    # 420102 江岸区 exists since 1983; a 1980 birth with it is an ordinary member
    info = parse_id_number(make("420102", "19800101"))
    assert info.valid and info.birth_date == dt.date(1980, 1, 1) and info.gender == "male"


def test_wrong_check_digit():
    number = make("420102", "19900101")
    bad = number[:17] + ("0" if number[17] != "0" else "1")
    assert "校验位" in parse_id_number(bad).errors[0]


def test_future_and_impossible_birth_dates():
    assert not parse_id_number(make("420102", "20990101")).valid
    assert not parse_id_number(make("420102", "19900231")).valid
    assert not parse_id_number(make("420102", "18991231")).valid


def test_unknown_province_is_an_error_unknown_county_a_warning():
    assert not parse_id_number(make("990102", "19900101")).valid
    info = parse_id_number(make("420199", "19900101"))
    assert info.valid and info.warnings


def test_lowercase_x_and_spaces_are_normalised():
    body = "11010519491231002"
    number = body + check_digit(body)
    assert parse_id_number(" " + number.lower() + " ").number == number


@given(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2020, 12, 31)), st.integers(0, 999)
)
def test_any_generated_number_round_trips(birth, seq):
    number = make("110105", birth.strftime("%Y%m%d"), f"{seq:03d}")
    info = parse_id_number(number)
    assert info.valid and info.birth_date == birth
    assert info.gender == ("male" if seq % 2 else "female")


def test_today_is_the_sites_date_not_the_servers(settings, monkeypatch):
    # given a server clock at 17:00 UTC today, which is already tomorrow in Beijing, the
    # site's time zone
    settings.TIME_ZONE = "Asia/Shanghai"
    moment = dt.datetime.combine(dt.datetime.now(dt.UTC).date(), dt.time(17, 0), tzinfo=dt.UTC)
    monkeypatch.setattr("django.utils.timezone.now", lambda: moment)
    tomorrow = moment.date() + dt.timedelta(days=1)
    # then a child born tomorrow by the server's calendar (today in Beijing) has a valid number
    info = parse_id_number(make("420102", tomorrow.strftime("%Y%m%d")))
    assert info.valid, info.errors
    # and one born the day after does not
    after = tomorrow + dt.timedelta(days=1)
    assert not parse_id_number(make("420102", after.strftime("%Y%m%d"))).valid


def test_a_first_generation_number_is_converted_with_a_warning():
    # given a 15-digit number: region 420102, born 85-03-15, sequence 123 (a man)
    info = parse_id_number("420102850315123")
    # then it reads as its 18 digits: "19" before the year and the check digit computed
    body = "42010219850315123"
    assert info.valid and info.number == body + check_digit(body)
    assert info.birth_date == dt.date(1985, 3, 15) and info.gender == "male"
    assert len(info.warnings) == 1 and "15 位" in info.warnings[0]
    assert "420102********" in info.warnings[0] and body not in info.warnings[0]


def test_a_first_generation_number_is_checked_like_any_other():
    # a birth date that does not exist, and an unknown province
    assert "不存在" in " ".join(parse_id_number("420102850231123").errors)
    assert not parse_id_number("990102850315123").valid
    # full-width digits and spaces, as typed with a Chinese input method
    assert parse_id_number("４２０１０２ ８５０３１５ １２３").number == normalise(
        "420102850315123"
    )


def test_normalise_gives_the_number_to_look_a_person_up_by():
    body = "42010219850315123"
    assert normalise("420102850315123") == body + check_digit(body)
    assert normalise(" 420102850315123 ") == body + check_digit(body)
    assert normalise(body + "x") == body + "X"
    assert normalise("12345") == "12345"  # anything else is left to the checks


@pytest.mark.parametrize("raw", ["4201021985031512", "42010285031512", "42010285031512X"])
def test_other_lengths_say_what_is_accepted(raw):
    message = parse_id_number(raw).errors[0]
    assert "18 位" in message and "15 位" in message


@given(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(1999, 12, 31)), st.integers(0, 999)
)
def test_every_first_generation_number_upgrades_to_a_valid_one(birth, seq):
    old = f"110105{birth:%y%m%d}{seq:03d}"
    info = parse_id_number(old)
    assert info.valid and info.number == upgrade(old) and info.birth_date == birth
    assert info.gender == ("male" if seq % 2 else "female")
