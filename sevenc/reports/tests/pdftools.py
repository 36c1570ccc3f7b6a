"""Read PDFs the way a person would: poppler's text extraction and page rendering."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path


def pdf_text(pdf: bytes) -> str:
    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True)
    return result.stdout.decode("utf-8")


def pdf_info(pdf: bytes) -> str:
    return subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


def page_pixels(pdf: bytes, page: int = 1, dpi: int = 30) -> list[int]:
    """Grey values (0–255) of one page, rendered by pdftoppm as a binary PGM."""
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "report.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            [
                "pdftoppm",
                "-gray",
                "-r",
                str(dpi),
                "-f",
                str(page),
                "-l",
                str(page),
                "-singlefile",
                str(source),
                str(Path(folder) / "page"),
            ],
            check=True,
        )
        data = (Path(folder) / "page.pgm").read_bytes()
    # PGM header: "P5", width, height, maxval, each followed by whitespace; then one byte per pixel.
    fields = data.split(maxsplit=4)
    width, height = int(fields[1]), int(fields[2])
    return list(fields[4][: width * height])


def variance(values: list[int]) -> float:
    mean = sum(values) / len(values)
    return sum((v - mean) ** 2 for v in values) / len(values)
