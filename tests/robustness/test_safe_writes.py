"""Nothing lost (issue 16, items 1, 2, 5, 6, 11): every write checked, the previous file kept, no
write through a planted link, no export over the plan, permissions from the umask, whole PDFs."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dzp_planner.core.document.plan import Component
from dzp_planner.core.errors import UserInputError
from dzp_planner.core.guidance import templates
from dzp_planner.core.io import safe_write, storage


def dzp(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-m", "dzp_planner", *args], capture_output=True, text=True, timeout=180, env=env, cwd=cwd)


def _plan_file(tmp_path: Path) -> Path:
    path = tmp_path / "p.dzp"
    storage.save_plan(templates.plan_from_template("mono-boc-protection"), path)
    return path


def test_a_full_disk_keeps_the_previous_file_and_says_so(tmp_path, monkeypatch):
    target = tmp_path / "report.pdf"
    target.write_bytes(b"%PDF-1.4 the previous report %%EOF")
    real_write = os.write

    def full(fd, data):
        if len(data) > 10:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(safe_write.os, "write", full)
    with pytest.raises(safe_write.WriteError) as err:
        safe_write.atomic_write_bytes(target, b"x" * 5000)
    assert str(err.value) == "disk full: report.pdf could not be written; the previous report.pdf is unchanged"
    assert isinstance(err.value, UserInputError) and isinstance(err.value, OSError)
    assert target.read_bytes() == b"%PDF-1.4 the previous report %%EOF"
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]  # no temporary file left


@pytest.mark.skipif(not shutil.which("mount") or os.geteuid() != 0, reason="needs root to mount a small tmpfs")
def test_export_to_a_really_full_disk_exits_2_and_keeps_the_pdf(tmp_path):
    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=200k", "tmpfs", str(disk)], capture_output=True).returncode:
        pytest.skip("mount is not permitted here")
    try:
        plan = _plan_file(tmp_path)
        first = dzp("export", str(plan), "--pdf", str(disk / "report.pdf"))
        assert first.returncode == 0, first.stderr
        kept = (disk / "report.pdf").read_bytes()
        (disk / "filler").write_bytes(b"\0" * (200 * 1024 - len(kept) - 8192))
        second = dzp("export", str(plan), "--pdf", str(disk / "report.pdf"))
        assert second.returncode == 2 and second.stdout == ""
        assert "disk full" in second.stderr and "the previous report.pdf is unchanged" in second.stderr
        assert (disk / "report.pdf").read_bytes() == kept
    finally:
        subprocess.run(["umount", str(disk)], check=False)


def test_export_refuses_the_plan_itself_a_folder_and_a_device(tmp_path):
    plan = _plan_file(tmp_path)
    before = plan.read_bytes()
    over = dzp("export", str(plan), "--pdf", str(plan))
    assert over.returncode == 2 and "being exported" in over.stderr and plan.read_bytes() == before
    folder = dzp("export", str(plan), "--pdf", str(tmp_path))
    assert folder.returncode == 2 and len(folder.stderr.strip().splitlines()) == 1
    device = dzp("export", str(plan), "--pdf", "/dev/null")
    assert device.returncode == 2 and "not a regular file" in device.stderr
    assert Path("/dev/null").is_char_device()


def test_pdf_suffix_is_added_and_a_link_is_written_through(tmp_path):
    plan = _plan_file(tmp_path)
    out = dzp("export", str(plan), "--pdf", str(tmp_path / "report"))
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["path"].endswith("report.pdf") and (tmp_path / "report.pdf").is_file()
    real = tmp_path / "real.pdf"
    real.write_bytes(b"old")
    link = tmp_path / "link.pdf"
    link.symlink_to(real)
    assert dzp("export", str(plan), "--pdf", str(link)).returncode == 0
    assert link.is_symlink() and real.read_bytes().startswith(b"%PDF")


def test_a_planted_link_at_the_old_temporary_name_is_not_followed(tmp_path):
    plan = _plan_file(tmp_path)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    for name in (".report.pdf.writing", ".report.pdf.tmp"):
        (tmp_path / name).symlink_to(victim)
    assert dzp("export", str(plan), "--pdf", str(tmp_path / "report.pdf")).returncode == 0
    assert victim.read_text() == "precious"


def test_new_files_get_the_umask_permissions(tmp_path):
    code = ("import os; os.umask(0o022); from pathlib import Path; from dzp_planner.core.io import safe_write;"
            f"safe_write.UMASK = 0o022; safe_write.atomic_write_bytes(Path({str(tmp_path / 'a.dzp')!r}), b'x')")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
    assert (tmp_path / "a.dzp").stat().st_mode & 0o777 == 0o644
    existing = tmp_path / "b.dzp"
    existing.write_bytes(b"old")
    existing.chmod(0o600)
    safe_write.atomic_write_bytes(existing, b"new")
    assert existing.stat().st_mode & 0o777 == 0o600  # a replaced file keeps its own permissions


def test_new_that_cannot_write_is_one_line_exit_2(tmp_path):
    """A full disk (a 64 KiB tmpfs, as root) or an unwritable folder (otherwise): exit 2, not 'internal error'."""
    folder = tmp_path / "target"
    folder.mkdir()
    mounted = os.geteuid() == 0 and subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)], capture_output=True).returncode == 0
    try:
        if mounted:
            fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)  # fill it to the last byte
            try:
                while os.write(fd, b"\0" * 1024):
                    pass
            except OSError:
                pass
            finally:
                os.close(fd)
            expected = "disk full"
        else:
            folder.chmod(0o500)
            if os.access(folder, os.W_OK):
                pytest.skip("neither a tmpfs nor folder permissions can be had here")
            expected = "permission denied"
        out = dzp("new", "--template", "mono-boc-protection", str(folder / "x.dzp"))
        assert out.returncode == 2 and expected in out.stderr and "internal error" not in out.stderr
        assert len(out.stderr.strip().splitlines()) == 1 and not (folder / "x.dzp").exists()
    finally:
        if mounted:
            subprocess.run(["umount", str(folder)], check=False)
        folder.chmod(0o700)


def _big_plan():
    plan = templates.plan_from_template("mono-boc-protection")
    plan.notes = "\n".join(f"note line {i:03d} of the chemist's long notes" for i in range(180))
    rows = [Component(f"Reagent row {i:02d}", "additive", "CCO", f"{1 + i / 100:.2f} equiv") for i in range(60)]
    rows.append(Component("Z" * 2000, "additive", "CCO", "1 equiv"))
    plan.components = plan.components + rows
    return plan


def _pdf_text(tmp_path: Path, plan, *options: str) -> str:
    path = tmp_path / "big.dzp"
    storage.save_plan(plan, path)
    out = dzp("export", str(path), "--pdf", str(tmp_path / "big.pdf"))
    assert out.returncode == 0, out.stderr
    return subprocess.run(["pdftotext", *options, str(tmp_path / "big.pdf"), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")
def test_pdf_has_every_note_line_and_every_table_row(tmp_path):
    text = _pdf_text(tmp_path, _big_plan())
    assert all(f"note line {i:03d}" in text for i in range(180))
    assert all(f"Reagent row {i:02d}" in text for i in range(60))
    name_cell = "".join(line for line in text.splitlines() if set(line.strip()) == {"Z"})
    assert "Z" * 2000 in name_cell  # the long name wraps inside its cell, nothing cut
    assert text.count("Role") >= 2  # the table's header row is repeated on the next page


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")
def test_pdf_of_a_100000_character_note(tmp_path):
    plan = templates.plan_from_template("mono-boc-protection")
    words = [f"w{i:05d}" for i in range(14000)]
    plan.notes = " ".join(words)[:100_000]
    text = "".join(_pdf_text(tmp_path, plan).split())
    last = plan.notes.split()[-1]
    assert all(w in text for w in words[:: 997]) and last in text
