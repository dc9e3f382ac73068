"""A consent can belong to an application (given on the form, before there is a member) and
records the version and digest of the privacy notice agreed to."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('members', '0007_bind_ciphertexts_to_rows'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='consent',
            options={'ordering': ['-granted_at', '-id']},
        ),
        migrations.AddField(
            model_name='consent',
            name='application',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='consents', to='members.membershipapplication'),
        ),
        migrations.AddField(
            model_name='consent',
            name='notice_digest',
            field=models.CharField(blank=True, max_length=64, verbose_name='告知书摘要'),
        ),
        migrations.AddField(
            model_name='consent',
            name='notice_version',
            field=models.CharField(blank=True, max_length=16, verbose_name='告知书版本'),
        ),
        migrations.AlterField(
            model_name='consent',
            name='member',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='consents', to='members.member'),
        ),
        migrations.AddIndex(
            model_name='consent',
            index=models.Index(fields=['application'], name='consent_application'),
        ),
        migrations.AddConstraint(
            model_name='consent',
            constraint=models.CheckConstraint(condition=models.Q(('member__isnull', False), ('application__isnull', False), _connector='OR'), name='consent_of_someone'),
        ),
    ]
