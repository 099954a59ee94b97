"""manage.py import_recognitions: its report, exit codes, --dry-run, --publish and --user."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from wagtail.models import PageLogEntry, Revision, WorkflowState

from products.importing.apply import IMPORT_ACTION
from products.models import CompanyPage, Decision, ProductPage
from products.services import sync_administrative_units

HEADER = (
    "year,decision_number,decision_date,product_name,product_name_en,company_name,"
    "company_name_en,tax_code,sector,top10,unit,address,website,summary,summary_en\n"
)
ROWS = (
    "2025,6104/QĐ-UBND,10/12/2025,Dây cáp điện hạ thế,Low-voltage cable,Cadivi Hà Nội,"
    'Cadivi Hanoi,0100101114,"Điện, điện tử",yes,,Số 1 Trần Hưng Đạo,,Cáp ruột đồng.,\n'
    "2025,6104/QĐ-UBND,10/12/2025,Quạt điện,Electric fan,Điện cơ Thống Nhất,,,"
    "Dien dien tu,,,,,,\n"
)


def write(tmp_path, text, name="qd-6104.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode())
    return path


def state():
    return (
        ProductPage.objects.count(),
        CompanyPage.objects.count(),
        Revision.objects.count(),
        Decision.objects.count(),
        WorkflowState.objects.count(),
    )


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_recognitions", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_dry_run_prints_the_plan_and_writes_nothing(site_tree, tmp_path):
    before = state()
    out, _ = run(write(tmp_path, HEADER + ROWS), "--dry-run")
    assert "Dòng 2: Tạo mới — Dây cáp điện hạ thế, Cadivi Hà Nội" in out
    assert "Dòng 3: Tạo mới — Quạt điện, Điện cơ Thống Nhất" in out
    assert "Tạo mới: 2, cập nhật: 0, không đổi: 0 dòng." in out
    assert state() == before


def test_without_publish_the_pages_go_to_moderation_named_after_the_command(site_tree, tmp_path):
    out, _ = run(write(tmp_path, HEADER + ROWS))
    assert "Đã gửi 4 trang, cùng bản tiếng Anh, chờ duyệt." in out  # 2 companies, 2 products
    product = ProductPage.objects.get(title="Dây cáp điện hạ thế")
    assert not product.live
    assert product.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    entry = PageLogEntry.objects.get(page=product, action=IMPORT_ACTION)
    assert entry.user is None
    assert entry.data == {"file": "qd-6104.csv", "via": "command"}
    assert "bằng lệnh import_recognitions" in entry.message


def test_publish_with_a_user_and_a_second_run_changes_nothing(site_tree, tmp_path):
    editor = User.objects.create_superuser("bien-tap", password="mat-khau-thu-nghiem")
    path = write(tmp_path, HEADER + ROWS)
    out, _ = run(path, "--publish", "--user", "bien-tap")
    assert "Đã xuất bản 4 trang, cùng bản tiếng Anh." in out
    product = ProductPage.objects.get(title="Dây cáp điện hạ thế")
    assert product.live and product.get_latest_revision().user == editor
    assert product.recognitions.get().is_top10 is True
    before = state()
    out, _ = run(path, "--publish", "--user", "bien-tap")
    assert "Tạo mới: 0, cập nhật: 0, không đổi: 2 dòng." in out
    assert state() == before


def test_an_unknown_user_is_refused_before_anything(site_tree, tmp_path):
    before = state()
    with pytest.raises(CommandError, match="Không có người dùng “ai-do”"):
        run(write(tmp_path, HEADER + ROWS), "--user", "ai-do")
    assert state() == before


def test_a_rejected_file_lists_its_problems_and_writes_nothing(site_tree, tmp_path):
    sync_administrative_units()
    before = state()
    bad = ROWS.replace("Dien dien tu", "Dien dien tuu").replace("0100101114", "0100101115")
    err = io.StringIO()
    with pytest.raises(CommandError, match="Tệp bị từ chối; không có gì được ghi.") as raised:
        call_command("import_recognitions", str(write(tmp_path, HEADER + bad)), stderr=err)
    # manage.py exits with this status (Django's CommandError), so a script sees the failure.
    assert raised.value.returncode == 1
    problems = err.getvalue().splitlines()
    assert any(
        line.startswith("Dòng 2, cột tax_code, “0100101115”: Mã số thuế sai") for line in problems
    ), problems
    assert any(
        line.startswith("Dòng 3, cột sector, “Dien dien tuu”: Nhóm ngành không có")
        and "Có phải là “Điện, điện tử”?" in line
        for line in problems
    ), problems
    assert state() == before
