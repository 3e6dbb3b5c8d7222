"""Time ``study extract`` on synthetic inputs of 0.1, 1 and 4 MB.

The inputs repeat one Vietnamese paragraph written for this benchmark (a district's yearly results:
rates, households, houses, money and measures), each copy with its own year and figures so that the
evidence phrases are not all alike. The time should grow linearly with the size.

Usage::

    .venv/bin/python benchmarks/bench_extract.py [--sizes 0.1 1 4]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from study.extract import extract_text, load_terms  # noqa: E402

PARAGRAPH = (
    "Năm {year}, Ủy ban nhân dân huyện tiếp tục chỉ đạo các xã rà soát hộ nghèo, hộ cận nghèo theo chuẩn "
    "nghèo đa chiều. Kết quả, tỷ lệ hộ nghèo của huyện giảm từ {a},4% xuống còn {b},1%, tương ứng {n} hộ "
    "thoát nghèo. Trong năm, huyện đã hỗ trợ xây mới và sửa chữa {h} căn nhà cho hộ nghèo với tổng kinh "
    "phí {m},5 tỷ đồng; Ngân hàng Chính sách xã hội cho {c} hộ vay vốn sản xuất, chăn nuôi. Bên cạnh đó, "
    "{w} lao động được đào tạo nghề và giới thiệu việc làm.\n"
    "Phấn đấu đến cuối năm {next_year}, tỷ lệ hộ nghèo giảm thêm 1,5 - 2%, không còn hộ nghèo thuộc diện "
    "chính sách người có công.\n\n"
)


def synthetic_text(megabytes: float) -> str:
    """Return a text of about ``megabytes`` MB (UTF-8) made of copies of :data:`PARAGRAPH`."""
    target = int(megabytes * 1_000_000)
    parts, size, i = [], 0, 0
    while size < target:
        part = PARAGRAPH.format(
            year=2000 + i % 90,
            next_year=2001 + i % 90,
            a=10 + i % 7,
            b=5 + i % 4,
            n=100 + i % 900,
            h=20 + i % 80,
            m=3 + i % 50,
            c=200 + i % 700,
            w=300 + i % 600,
        )
        parts.append(part)
        size += len(part.encode("utf-8"))
        i += 1
    return "".join(parts)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[0.1, 1.0, 4.0], help="sizes in MB")
    args = parser.parse_args(argv)
    terms = load_terms()
    print(f"{'size MB':>8s} {'chars':>10s} {'facts':>8s} {'seconds':>9s}")
    for size in args.sizes:
        text = synthetic_text(size)
        start = time.perf_counter()
        result = extract_text(text, doc_id="bench", terms=terms)
        seconds = time.perf_counter() - start
        print(f"{size:8.1f} {len(text):10d} {len(result.facts):8d} {seconds:9.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
