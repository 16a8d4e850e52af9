"""Bad input to `pathfinder import`: each a clear error (exit 2), bounded in time and memory."""

from __future__ import annotations

import io
import json
import time
import zipfile
from pathlib import Path

import pytest
from core_helpers import unwrapped
from import_helpers import LINKEDIN_FOLDER

from pathfinder.cli import main
from pathfinder.importers import read_found, read_found_bytes
from pathfinder.importers.archive import MAX_MEMBER_BYTES, ImportFileError


def refused(path: Path) -> str:
    with pytest.raises(ImportFileError) as caught:
        read_found(path)
    return caught.value.message


def test_a_zip_bomb_is_stopped_by_the_read_not_trusted_by_its_header(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.zip"
    chunk = b"Title,Company Name\n" + b"a" * (1024 * 1024)
    with (
        zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        archive.open("Positions.csv", "w", force_zip64=True) as member,
    ):
        for _ in range(MAX_MEMBER_BYTES // len(chunk) + 4):
            member.write(chunk)
    assert bomb.stat().st_size < 200 * 1024
    started = time.perf_counter()
    message = refused(bomb)
    assert time.perf_counter() - started < 5
    assert "Positions.csv" in message and "larger than 8 MiB" in message


def test_a_zip_whose_members_claim_too_much_is_refused_before_reading(tmp_path: Path) -> None:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("Positions.csv", "Title\nx\n")
    raw = bytearray(data.getvalue())
    central = raw.rfind(b"PK\x01\x02")
    raw[central + 24 : central + 28] = (0xFFFFFFF0).to_bytes(4, "little")  # declared uncompressed size
    (tmp_path / "liar.zip").write_bytes(bytes(raw))
    assert "claims to unpack" in refused(tmp_path / "liar.zip")


def test_a_zip_with_too_many_members_is_refused_from_its_end_record(tmp_path: Path) -> None:
    target = tmp_path / "many.zip"
    with zipfile.ZipFile(target, "w") as archive:
        for index in range(5001):
            archive.writestr(f"f{index}.csv", "")
    assert "the limit is 5000" in refused(target)


@pytest.mark.parametrize(
    "name", ["../../etc/Positions.csv", "/etc/Positions.csv", "C:\\Windows\\Positions.csv"]
)
def test_a_member_name_that_climbs_out_is_refused_and_nothing_is_extracted(tmp_path: Path, name: str) -> None:
    target = tmp_path / "evil.zip"
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("Profile.csv", "First Name\nMallory\n")
        archive.writestr(zipfile.ZipInfo(name), "Title\nx\n")
    before = sorted(p.name for p in tmp_path.rglob("*"))
    assert "points outside the archive" in refused(target)
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


def test_a_50_mb_csv_in_a_folder_is_refused_without_reading_it_whole(tmp_path: Path) -> None:
    with (tmp_path / "Positions.csv").open("wb") as handle:
        handle.write(b"Title,Company Name\n")
        handle.truncate(50 * 1024 * 1024)
    message = refused(tmp_path)
    assert "Positions.csv" in message and "larger than 8 MiB" in message


def test_broken_csv_quoting_names_the_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "Positions.csv").write_text(
        'Title,Company Name\nEngineer,Acme\n"Product "Lead",Acme\n', encoding="utf-8"
    )
    message = refused(tmp_path)
    assert "Positions.csv" in message and "line 3" in message and "not valid CSV" in message


def test_an_unclosed_quote_is_an_error_not_a_swallowed_file(tmp_path: Path) -> None:
    (tmp_path / "Skills.csv").write_text('Name\n"Scrum\nKanban\n', encoding="utf-8")
    assert "not valid CSV" in refused(tmp_path)


def test_json_that_is_not_a_resume(tmp_path: Path) -> None:
    target = tmp_path / "package.json"
    target.write_text(json.dumps({"name": "left-pad", "version": "1.0.0"}), encoding="utf-8")
    assert "is JSON but not a JSON Resume" in refused(target)


def test_broken_json_names_line_and_column(tmp_path: Path) -> None:
    target = tmp_path / "resume.json"
    target.write_text('{\n  "work": [\n    {"position": "PM",}\n  ]\n}', encoding="utf-8")
    message = refused(target)
    assert "line 3" in message and "not valid JSON" in message


def test_deeply_nested_json_is_refused_cleanly() -> None:
    with pytest.raises(ImportFileError, match="nested too deeply"):
        read_found_bytes(b'{"work": ' + b"[" * 100_000 + b"]" * 100_000 + b"}")


def test_a_zip_that_is_not_a_linkedin_export(tmp_path: Path) -> None:
    target = tmp_path / "photos.zip"
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("holiday.jpg", b"\xff\xd8")
    assert "not a LinkedIn export" in refused(target)


def test_a_csv_that_is_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "Positions.csv").write_bytes("Title\nGesch\u00e4ftsf\u00fchrer\n".encode("utf-16"))
    assert "not UTF-8" in refused(tmp_path)


def test_detection_is_by_content_not_by_name(tmp_path: Path) -> None:
    disguised = tmp_path / "resume.json"
    disguised.write_bytes((LINKEDIN_FOLDER / "Positions.csv").read_bytes())
    assert "neither a ZIP archive nor JSON" in refused(disguised)
    resume = tmp_path / "export.zip"
    resume.write_text('{"work": [{"position": "Teacher", "startDate": "2010-09"}]}', encoding="utf-8")
    assert read_found(resume).format == "json-resume"


def test_the_command_exits_2_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "notes.txt"
    source.write_text("just some notes", encoding="utf-8")
    target = tmp_path / "plan.toml"
    assert main(["import", str(source), "-o", str(target)]) == 2
    assert not target.exists()
    message = unwrapped(capsys.readouterr().err)
    assert "Cannot import" in message and "LinkedIn data export" in message


def test_files_that_together_pass_the_total_are_refused(tmp_path: Path) -> None:
    """Each file under the per-file cap, all of them together over the total."""
    line = b"x" * 1023 + b"\n"
    row = b"Name\n" + line * (MAX_MEMBER_BYTES // len(line) - 1)
    for name in ("Profile.csv", "Positions.csv", "Education.csv", "Certifications.csv"):
        (tmp_path / name).write_bytes(row)
    assert "together are larger than 24 MiB" in refused(tmp_path)
