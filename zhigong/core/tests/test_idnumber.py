import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from zhigong.core.idnumber import check_digit, parse_id_number


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
