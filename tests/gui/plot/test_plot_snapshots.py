"""The plot-picture cache: a damaged file, another key's file or a full folder never shows wrongly."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage

from dzp_planner.gui.plot import picture_cache as plot_snapshots


@pytest.fixture
def cache(monkeypatch, tmp_path):
    monkeypatch.setenv("DZP_PLANNER_CACHE", str(tmp_path))
    return tmp_path / "plots"


def _image(colour: str, width: int = 40, height: int = 30) -> QImage:
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor(colour))
    return image


def test_round_trip_keeps_the_pixels_and_the_scale(qapp, cache):
    key = plot_snapshots.key((0.5, 0.49, "equiv", (), ("#ffffff", "#ffffff", "#000000")), 40, 30, 2.0)
    assert plot_snapshots.store(key, _image("#3366cc", 80, 60))  # 40 x 30 at scale 2
    pixmap = plot_snapshots.load(key, 40, 30, 2.0)
    assert pixmap is not None and pixmap.devicePixelRatio() == 2.0
    assert pixmap.toImage().pixelColor(5, 5).name() == "#3366cc"
    assert [p.name for p in cache.iterdir()] == [f"{plot_snapshots._path(key).name}"]  # no partial file left


def test_pixel_size_rounds_halves_up_as_qt_does():
    # 602 x 1.25 = 752.5: QWidget.grab() gives 753 (qRound), Python's round() would give 752
    assert plot_snapshots.pixel_size(602, 400, 1.25) == QSize(753, 500)
    assert plot_snapshots.pixel_size(603, 401, 1.5) == QSize(905, 602)


def test_damaged_file_or_another_keys_file_is_not_shown(qapp, cache):
    key = plot_snapshots.key((0.5,), 40, 30, 1.0)
    path = plot_snapshots._path(key)
    cache.mkdir(parents=True)
    path.write_bytes(b"\x89PNG\r\n\x1a\n truncated")
    assert plot_snapshots.load(key, 40, 30, 1.0) is None
    # a picture of other inputs at this file name (a crc32 collision) is refused by its stored key
    other = plot_snapshots.key((0.6,), 40, 30, 1.0)
    assert plot_snapshots.store(other, _image("#ff0000"))
    plot_snapshots._path(other).replace(path)
    assert plot_snapshots.load(key, 40, 30, 1.0) is None


def test_the_folder_keeps_only_the_newest_pictures_and_drops_stale_partial_files(qapp, cache):
    for i in range(plot_snapshots.KEEP + 5):
        key = plot_snapshots.key((i,), 40, 30, 1.0)
        assert plot_snapshots.store(key, _image("#00ff00"))
        os.utime(plot_snapshots._path(key), (1_000_000 + i, 1_000_000 + i))  # distinct, ordered ages
    crashed = cache / ".0badf00d.999.partial"  # what a crash mid-write leaves
    crashed.write_bytes(b"half a png")
    os.utime(crashed, (1_000_000, 1_000_000))
    fresh = cache / ".0badf00e.998.partial"  # another process writing right now
    fresh.write_bytes(b"being written")
    assert plot_snapshots.store(plot_snapshots.key(("last",), 40, 30, 1.0), _image("#00ff00"))
    assert len(list(cache.glob("*.png"))) == plot_snapshots.KEEP
    assert plot_snapshots.load(plot_snapshots.key((0,), 40, 30, 1.0), 40, 30, 1.0) is None  # oldest went
    assert plot_snapshots.load(plot_snapshots.key(("last",), 40, 30, 1.0), 40, 30, 1.0) is not None
    assert not crashed.exists() and fresh.exists()


def test_an_unwritable_cache_costs_speed_not_a_crash(qapp, cache):
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text("a file where the folder should be")
    assert plot_snapshots.store(plot_snapshots.key((1,), 40, 30, 1.0), _image("#000000")) is False
    assert plot_snapshots.load(plot_snapshots.key((1,), 40, 30, 1.0), 40, 30, 1.0) is None


def test_a_picture_of_the_wrong_size_or_an_oversized_file_is_not_shown(qapp, cache):
    key = plot_snapshots.key((2,), 40, 30, 1.0)
    assert plot_snapshots.store(key, _image("#000000", 41, 30))
    assert plot_snapshots.load(key, 40, 30, 1.0) is None
    assert plot_snapshots.store(key, _image("#000000"))
    assert plot_snapshots.load(key, 40, 30, 1.0) is not None
    with plot_snapshots._path(key).open("ab") as f:  # trailing junk past the limit
        f.truncate(plot_snapshots.MAX_BYTES + 1)
    assert plot_snapshots.load(key, 40, 30, 1.0) is None


def test_a_huge_foreign_picture_is_refused_from_its_header(qapp, cache, monkeypatch):
    """An 8000 x 8000 PNG compresses to a few hundred KB; decoding it would cost ~250 MB and ~1 s."""
    from PySide6.QtGui import QImageReader

    key = plot_snapshots.key((3,), 40, 30, 1.0)
    big = QImage(8000, 8000, QImage.Format.Format_RGB32)
    big.fill(QColor("#ffffff"))
    big.setText(plot_snapshots.KEY_TAG, key)  # even with the right key: the size in the header is wrong
    cache.mkdir(parents=True)
    assert big.save(str(plot_snapshots._path(key)), "PNG")
    del big
    decoded: list[QSize] = []

    class CountingReader(QImageReader):
        def read(self):
            decoded.append(self.size())
            return super().read()

    monkeypatch.setattr(plot_snapshots, "QImageReader", CountingReader)
    assert plot_snapshots.load(key, 40, 30, 1.0) is None
    assert decoded == []  # refused from the header, nothing decoded
    good = plot_snapshots.key((4,), 40, 30, 1.0)
    assert plot_snapshots.store(good, _image("#123456"))
    assert plot_snapshots.load(good, 40, 30, 1.0) is not None and decoded == [QSize(40, 30)]
