"""The plan library dialog's model over 5,000 plans (issue 25): opening it and one search keystroke.

Builds a library of 5,000 plans with 6 kB thumbnails in a temporary home, then times the model's
reload (what opening the dialog and each keystroke do) and the first screenful of pictures.
Prints medians of 7; never fails on time.

    .venv/bin/python bench/bench_library.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    from dzp_planner.core.guidance.templates import plan_from_template
    from dzp_planner.core.io import plan_format
    from dzp_planner.core.io.library import PlanLibrary
    from dzp_planner.gui.library.library_table_model import LibraryTableModel

    with tempfile.TemporaryDirectory() as home:
        library = PlanLibrary(os.path.join(home, "library.sqlite"))
        image = QImage(120, 90, QImage.Format.Format_RGB32)
        image.fill(0xFF8040)
        from PySide6.QtCore import QBuffer, QByteArray

        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QBuffer.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        thumbnail = bytes(data) + os.urandom(6000)  # a thumbnail's size
        base = plan_from_template("mono-boc-protection")
        text = plan_format.dumps(base)
        db = library._db
        db.execute("BEGIN")
        for i in range(5000):
            db.execute("INSERT INTO plans (plan_id, title, substrate, reaction, created, modified, data, thumbnail) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (f"{i:032x}", f"Plan {i}", base.substrate_smiles, base.reaction_type,
                                                           base.created, f"2026-11-{i % 28 + 1:02d}", text, thumbnail))
        db.execute("COMMIT")
        model = LibraryTableModel(library)
        opens, keys, pictures = [], [], []
        for attempt in range(7):
            t = time.perf_counter()
            model.reload("")
            opens.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            model.reload(f"Plan {attempt}")
            keys.append((time.perf_counter() - t) * 1000)
            model.reload("")
            model._pixmaps.clear()
            t = time.perf_counter()
            for row in range(20):  # a screenful
                model.data(model.index(row, 0), Qt.ItemDataRole.DecorationRole)
            pictures.append((time.perf_counter() - t) * 1000)
        print(f"reload 5,000 plans: median {statistics.median(opens):.1f} ms (budget 100 ms)")
        print(f"search keystroke:   median {statistics.median(keys):.1f} ms")
        print(f"first 20 pictures:  median {statistics.median(pictures):.1f} ms")
        library.close()
    del app


if __name__ == "__main__":
    main()
