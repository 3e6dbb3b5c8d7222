"""The ``study`` command line: build, provinces, coverage, run, batch, report, extract."""

from __future__ import annotations

import argparse
import sys

from study import __version__


def _cmd_build(args) -> int:
    import os

    from study import build

    if args.boundaries:
        os.environ["STUDY_BOUNDARIES"] = args.boundaries
    try:
        written = build.run(args.raw, args.out, progress=lambda m: print(f"build: {m}", file=sys.stderr))
    except build.BuildError as error:
        print(f"study build: error: {error}", file=sys.stderr)
        print("study build: nothing was written; the previous processed data are unchanged.", file=sys.stderr)
        return 2
    print(f"study build: wrote {len(written)} files to {written[-1].parent}")
    return 0


def _cmd_provinces(args) -> int:
    from study import provinces

    if not args.names:
        for unit in provinces.units(args.regime):
            print(f"{unit.code}\t{unit.name_vi}\t{unit.region}")
        return 0
    failed = 0
    for name in args.names:  # every name is tried; the exit code says whether any failed
        try:
            unit = provinces.resolve(name, args.regime)
        except provinces.ProvinceNameError as error:
            print(f"study provinces: error: {error}", file=sys.stderr)
            failed += 1
            continue
        line = f"{name}\t{unit.code}\t{unit.name_vi}"
        if unit.regime == "63":
            line += f"\t-> {provinces.successor(unit.code).name_vi} (34 units)"
        print(line)
    return 2 if failed else 0


def _cmd_coverage(args) -> int:
    from study import coverage, load

    try:
        frame = coverage.matrix(load.poverty_review(), load.facts())
    except load.DataNotBuiltError as error:
        print(f"study coverage: error: {error}", file=sys.stderr)
        return 2
    if args.only_known:
        frame = frame[(frame != "").any(axis=1)]
    print(coverage.render(frame))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="study", description=__doc__)
    parser.add_argument("--version", action="version", version=f"study {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("build", help="build data/processed from data/raw")
    p.add_argument("--raw", default=None, help="raw data folder (default data/raw)")
    p.add_argument("--out", default=None, help="output folder (default data/processed)")
    p.add_argument("--boundaries", default=None, metavar="PATH",
                   help="a local boundary file (the pinned diaphantinh.json or any GeoJSON/TopoJSON/GeoPackage/"
                        "Shapefile with a province name or code column); default: STUDY_BOUNDARIES, else the "
                        "cached or downloaded pinned file")
    p.set_defaults(func=_cmd_build)

    p = sub.add_parser("provinces", help="list units or resolve names")
    p.add_argument("names", nargs="*", help="names to resolve")
    p.add_argument("--regime", default="63", choices=["63", "34"])
    p.set_defaults(func=_cmd_provinces)

    p = sub.add_parser("coverage", help="print the province x year matrix of what is known")
    p.add_argument("--only-known", action="store_true", help="hide provinces with nothing")
    p.set_defaults(func=_cmd_coverage)

    from study import extract, runner, site

    extract.register(sub)
    runner.register(sub)
    site.register(sub)
    return parser


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
