"""Which years' official holiday schedule is loaded (``HolidayYear``).

Until now a year counted as known as soon as it had one ``Holiday`` row; every such year keeps
counting as loaded (source: the package for the years ``chinesecalendar`` knows, else the
admin), so no answer changes on an existing database.
"""

import django.utils.timezone
from django.db import migrations, models


def mark_years_with_rows(apps, schema_editor):
    import chinese_calendar

    Holiday = apps.get_model("core", "Holiday")
    HolidayYear = apps.get_model("core", "HolidayYear")
    db = schema_editor.connection.alias
    package = {d.year for d in chinese_calendar.holidays}
    years = sorted({d.year for d in Holiday.objects.using(db).dates("date", "year")})
    HolidayYear.objects.using(db).bulk_create(
        [HolidayYear(year=y, source="package" if y in package else "admin") for y in years]
    )


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0005_idempotency_key'),
    ]

    operations = [
        migrations.CreateModel(
            name='HolidayYear',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField(unique=True, verbose_name='年份')),
                ('source', models.CharField(choices=[('package', 'chinesecalendar 数据包'), ('sheet', '表格导入'), ('admin', '后台录入')], max_length=16, verbose_name='来源')),
                ('notice', models.CharField(blank=True, help_text='国务院办公厅通知的标题或文号', max_length=200, verbose_name='依据')),
                ('recorded_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='登记时间')),
            ],
            options={
                'verbose_name': '已公布安排的年份',
                'verbose_name_plural': '已公布安排的年份',
                'ordering': ['-year'],
            },
        ),
        # Reversing drops the table (above); nothing to undo here.
        migrations.RunPython(mark_years_with_rows, migrations.RunPython.noop, elidable=False),
    ]
