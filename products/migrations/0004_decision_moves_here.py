"""`Decision` moves from programme to products, with its rows, revisions and permissions.

Recognitions cite decisions, and products sit below programme, so the model lives here now.
The table is renamed, not copied: every row keeps its id, so the recognitions and cohort
figures that point at it, and its revisions, stay as they were. The content type is renamed
in place for the same reason (revisions, permissions and the search index refer to it).
"""

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


def rename_content_type(apps, schema_editor, old="programme", new="products"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    database = schema_editor.connection.alias
    ContentType.objects.using(database).filter(app_label=new, model="decision").delete()
    ContentType.objects.using(database).filter(app_label=old, model="decision").update(
        app_label=new
    )


def restore_content_type(apps, schema_editor):
    rename_content_type(apps, schema_editor, old="products", new="programme")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("products", "0003_vocabulary_permissions"),
        ("programme", "0002_statisticspage"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Decision",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "number",
                            models.CharField(
                                help_text="Ví dụ: 5012/QĐ-UBND",
                                max_length=60,
                                unique=True,
                                verbose_name="Số hiệu",
                            ),
                        ),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("programme", "Đề án, kế hoạch"),
                                    ("recognition", "Công nhận sản phẩm"),
                                    ("council", "Hội đồng xét chọn"),
                                    ("guidance", "Hướng dẫn"),
                                ],
                                max_length=20,
                                verbose_name="Loại văn bản",
                            ),
                        ),
                        (
                            "issuer",
                            models.CharField(
                                default="UBND TP Hà Nội",
                                max_length=120,
                                verbose_name="Cơ quan ban hành",
                            ),
                        ),
                        (
                            "signed_on",
                            models.DateField(blank=True, null=True, verbose_name="Ngày ban hành"),
                        ),
                        (
                            "year",
                            models.PositiveSmallIntegerField(
                                help_text="Năm xét chọn mà văn bản áp dụng.",
                                validators=[
                                    django.core.validators.MinValueValidator(2005),
                                    django.core.validators.MaxValueValidator(2100),
                                ],
                                verbose_name="Năm áp dụng",
                            ),
                        ),
                        (
                            "title",
                            models.CharField(max_length=300, verbose_name="Trích yếu (tiếng Việt)"),
                        ),
                        (
                            "title_en",
                            models.CharField(
                                blank=True, max_length=300, verbose_name="Trích yếu (tiếng Anh)"
                            ),
                        ),
                        (
                            "source_url",
                            models.URLField(blank=True, verbose_name="Nguồn công bố"),
                        ),
                        (
                            "document",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="wagtaildocs.document",
                                verbose_name="Tệp PDF",
                            ),
                        ),
                        (
                            "latest_revision",
                            models.ForeignKey(
                                blank=True,
                                editable=False,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="wagtailcore.revision",
                                verbose_name="latest revision",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "văn bản",
                        "verbose_name_plural": "văn bản",
                        "ordering": ["-signed_on", "-year", "number"],
                        # The table programme created, until the rename below.
                        "db_table": "programme_decision",
                    },
                ),
                migrations.AlterField(
                    model_name="companyrecognition",
                    name="decision",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="products.decision",
                        verbose_name="Quyết định",
                    ),
                ),
                migrations.AlterField(
                    model_name="productrecognition",
                    name="decision",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="products.decision",
                        verbose_name="Quyết định",
                    ),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(rename_content_type, restore_content_type),
        migrations.AlterModelTable(name="decision", table=None),
    ]
