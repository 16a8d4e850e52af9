"""`ssh HOST import-profile < FILE` with the real OpenSSH client: an export or JSON Resume → a plan."""

from __future__ import annotations

import io
import stat
import subprocess
import zipfile
from pathlib import Path

import pytest
from ssh_helpers import Server, run_ssh

from pathfinder.plan.store import plan_from_toml
from pathfinder.serve.visitors import MAX_IMPORT_BYTES

pytestmark = pytest.mark.ssh

IMPORTS = Path(__file__).resolve().parent.parent / "data" / "imports"


def linkedin_zip(extra: dict[str, bytes] | None = None) -> bytes:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted((IMPORTS / "linkedin-export").rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(IMPORTS / "linkedin-export").as_posix())
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return data.getvalue()


@pytest.fixture(scope="module")
def carol(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A key of this module's own: the session's server is shared, and other tests count alice's and
    bob's plans."""
    path = tmp_path_factory.mktemp("carol") / "carol"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(path)], check=True, timeout=20)
    return path


def plan_names(server: Server) -> set[str]:
    return {path.stem for path in (server.data_dir / "visitors").glob("key-*/plans/*.toml")}


def test_a_linkedin_zip_on_stdin_becomes_a_plan_with_its_explanation(
    real_server: Server, carol: Path
) -> None:
    key = carol
    result = run_ssh(real_server.port, key, "import-profile", stdin=linkedin_zip())
    assert result.returncode == 0, result.stderr
    err = result.stderr.decode()
    assert "Read a LinkedIn data export: 3 roles" in err
    assert "“Certified ScrumMaster® (CSM)” → csm" in err
    assert "not a certification Pathfinder knows" in err and "Did you lead projects as" in err
    assert "Imported as 'alex-kowalski-imported'" in err
    exported = run_ssh(real_server.port, key, "export", "alex-kowalski-imported")
    assert exported.returncode == 0, exported.stderr
    plan = plan_from_toml(exported.stdout.decode())
    assert [c.id for c in plan.profile.certifications] == ["csm", "psm-1", "google-pm"]
    assert plan.profile.skills == {}


def test_a_json_resume_is_imported_too(real_server: Server, carol: Path) -> None:
    result = run_ssh(real_server.port, carol, "import-profile", stdin=(IMPORTS / "resume.json").read_bytes())
    assert result.returncode == 0, result.stderr
    assert b"Imported as 'priya-raman-imported'" in result.stderr


def test_bad_uploads_are_refused_and_nothing_is_written(real_server: Server, carol: Path) -> None:
    key = carol
    before = plan_names(real_server)
    climbing = run_ssh(
        real_server.port, key, "import-profile", stdin=linkedin_zip({"../../plans/x.csv": b"a"})
    )
    assert climbing.returncode != 0 and b"points outside the archive" in climbing.stderr
    not_resume = run_ssh(real_server.port, key, "import-profile", stdin=b'{"name": "left-pad"}')
    assert not_resume.returncode != 0 and b"not a JSON Resume" in not_resume.stderr
    huge = run_ssh(real_server.port, key, "import-profile", stdin=b"PK\x03\x04" + b"\0" * MAX_IMPORT_BYTES)
    assert huge.returncode != 0 and b"too large" in huge.stderr
    nothing = run_ssh(real_server.port, key, "import-profile")
    assert nothing.returncode != 0 and b"usage: import-profile" in nothing.stderr
    extra = run_ssh(real_server.port, key, "import-profile", "/etc/passwd")
    assert extra.returncode != 0 and b"usage: import-profile" in extra.stderr
    assert plan_names(real_server) == before


def test_a_symlink_member_is_read_as_its_bytes_never_followed(real_server: Server, carol: Path) -> None:
    """A ZIP member stored as a link to a server file is never extracted nor followed."""
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        link = zipfile.ZipInfo("Positions.csv")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
    result = run_ssh(real_server.port, carol, "import-profile", stdin=data.getvalue())
    assert b"root:" not in result.stdout + result.stderr
    assert b"0 roles" in result.stderr


def test_import_profile_needs_a_key(real_server: Server) -> None:
    result = run_ssh(real_server.port, None, "import-profile", stdin=linkedin_zip())
    assert result.returncode != 0 and b"needs an SSH key" in result.stderr
