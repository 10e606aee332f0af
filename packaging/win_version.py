"""The Windows version resource of dzp-planner.exe (Explorer's Properties > Details).

Built from the package version, so it can never disagree with `dzp-planner --version`.
The spec uses it only when building on Windows: PyInstaller's version-resource module does
not import elsewhere, so it is untested here (Linux).
"""

from __future__ import annotations


def version_info(version: str):  # type: ignore[no-untyped-def]
    from PyInstaller.utils.win32.versioninfo import (
        FixedFileInfo,
        StringFileInfo,
        StringStruct,
        StringTable,
        VarFileInfo,
        VarStruct,
        VSVersionInfo,
    )

    numbers = [int(part) for part in version.split("+")[0].split(".")[:4] if part.isdigit()]
    numbers += [0] * (4 - len(numbers))
    fixed = tuple(numbers)
    strings = [
        StringStruct("CompanyName", "DZP Planner"),
        StringStruct("FileDescription", "DZP Planner: 1,4-diazepane functionalisation planning"),
        StringStruct("FileVersion", version),
        StringStruct("InternalName", "dzp-planner"),
        StringStruct("OriginalFilename", "dzp-planner.exe"),
        StringStruct("ProductName", "DZP Planner"),
        StringStruct("ProductVersion", version),
    ]
    return VSVersionInfo(
        ffi=FixedFileInfo(filevers=fixed, prodvers=fixed, mask=0x3F, flags=0x0, OS=0x40004, fileType=0x1, subtype=0x0),
        kids=[StringFileInfo([StringTable("040904B0", strings)]), VarFileInfo([VarStruct("Translation", [0x0409, 1200])])],
    )
