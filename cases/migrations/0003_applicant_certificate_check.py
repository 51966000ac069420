# The category and grade digits of the disability certificate number, kept in clear beside the
# ciphertext (they say no more than ``disability_category`` and ``disability_grade`` already do) so
# the data-quality check "certificate contradicts the category or grade" runs in SQL.

from django.db import migrations, models

BATCH = 2000


def fill_certificate_digits(apps, schema_editor):
    """Read the digits of every stored certificate number once (positions 19 and 20). A number
    stored under a key no longer configured is left blank (the check then skips that applicant)
    and counted, rather than stopping the migration."""
    from cases.crypto import DecryptionError, decrypt

    applicant = apps.get_model("cases", "Applicant")
    rows = (
        applicant._base_manager.filter(certificate_cipher__isnull=False)
        .only("pk", "certificate_cipher")
        .order_by("pk")
    )
    changed, unreadable = [], 0
    for row in rows.iterator(chunk_size=BATCH):
        try:
            number = decrypt(row.certificate_cipher)
        except DecryptionError:
            unreadable += 1
            continue
        if len(number) < 20 or number[18] not in "1234567" or number[19] not in "1234":
            continue
        row.certificate_category, row.certificate_grade = number[18], int(number[19])
        changed.append(row)
        if len(changed) >= BATCH:
            applicant._base_manager.bulk_update(
                changed, ["certificate_category", "certificate_grade"]
            )
            changed = []
    applicant._base_manager.bulk_update(changed, ["certificate_category", "certificate_grade"])
    if unreadable:
        print(  # shown by migrate, like its own messages
            f"\n  {unreadable} certificate number(s) could not be decrypted with the configured "
            "keys; their category and grade digits were left blank."
        )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0002_archive_number_unique"),
    ]

    operations = [
        migrations.AddField(
            model_name="applicant",
            name="certificate_category",
            field=models.CharField(
                blank=True, default="", max_length=1, verbose_name="category on the certificate"
            ),
        ),
        migrations.AddField(
            model_name="applicant",
            name="certificate_grade",
            field=models.PositiveSmallIntegerField(
                blank=True, null=True, verbose_name="grade on the certificate"
            ),
        ),
        migrations.RunPython(fill_certificate_digits, migrations.RunPython.noop),
    ]
