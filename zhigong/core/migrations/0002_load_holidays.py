"""Load the holidays and make-up working days that ``chinesecalendar`` knows.

A frozen copy of the loading rule (insert the dates the table lacks, change nothing else), so
that this migration keeps working whatever later becomes of ``zhigong.core.holidays``.
"""

from django.db import migrations

NAMES_ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "Mid-autumn Festival": "中秋节",
    "National Day": "国庆节",
    "Anti-Fascist 70th Day": "抗战胜利纪念日",
}


def _name_zh(chinese_calendar, english):
    if english in NAMES_ZH:
        return NAMES_ZH[english]
    try:
        return str(chinese_calendar.Holiday(english).chinese)[:64]
    except ValueError:
        return english[:64]


def load(apps, schema_editor):
    import chinese_calendar

    Holiday = apps.get_model("core", "Holiday")
    db = schema_editor.connection.alias
    days = {}
    for kind, source in (
        ("holiday", chinese_calendar.holidays),
        ("workday", chinese_calendar.workdays),
    ):
        for day, english in source.items():
            days[day] = (kind, _name_zh(chinese_calendar, str(english)))
    present = set(Holiday.objects.using(db).values_list("date", flat=True))
    Holiday.objects.using(db).bulk_create(
        [Holiday(date=d, kind=k, name=n) for d, (k, n) in sorted(days.items()) if d not in present],
        batch_size=500,
    )


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    # Reversing keeps the rows: operators may have edited them, and 0001's reverse drops the table.
    operations = [migrations.RunPython(load, migrations.RunPython.noop, elidable=False)]
