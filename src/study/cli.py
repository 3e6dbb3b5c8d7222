"""The ``study`` command line: build, provinces, coverage, run, batch, report, extract."""

from __future__ import annotations

import argparse
import os
import sys

from study import __version__
from study.execute.params import LANGS, ParameterError, check_jobs, check_timeout


def _cmd_build(args) -> int:
    from study import build

    before = os.environ.get("STUDY_BOUNDARIES")
    if args.boundaries:  # for this build only: the setting does not outlive the command
        os.environ["STUDY_BOUNDARIES"] = args.boundaries
    try:
        written = build.run(args.raw, args.out, progress=lambda m: print(f"build: {m}", file=sys.stderr))
    except build.BuildError as error:
        print(f"study build: error: {error}", file=sys.stderr)
        print("study build: nothing was written; the previous processed data are unchanged.", file=sys.stderr)
        return 2
    finally:
        if before is None:
            os.environ.pop("STUDY_BOUNDARIES", None)
        else:
            os.environ["STUDY_BOUNDARIES"] = before
    print(f"study build: wrote {len(written)} files to {written[-1].parent}")
    return 0


def _cmd_provinces(args) -> int:
    from study.registry import provinces

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
    from study import load
    from study.analysis import coverage

    try:
        review = load.poverty_review()
        frame = coverage.matrix(review, load.facts(), searched=load.search_log())
    except load.DataNotBuiltError as error:
        print(f"study coverage: error: {error}", file=sys.stderr)
        return 2
    if args.only_known:
        frame = frame[(frame != "").any(axis=1)]
    print(coverage.render(frame, coverage.end_of_year_rates(review)))
    return 0


# ---------------------------------------------------------------------------------------------
# run, batch, report
# ---------------------------------------------------------------------------------------------
def _split_provinces(values: list[str]) -> list[str] | str:
    names = [part.strip() for value in values for part in value.split(",") if part.strip()]
    if any(name.lower() == "all" for name in names):
        if len(names) > 1:
            raise ParameterError("--province all cannot be combined with names")
        return "all"
    if not names:
        raise ParameterError("--province needs 'all' or at least one name")
    return names


def _run_command(args, command: str) -> int:
    from study.execute.batch import execute, report
    from study.execute.plan import plan

    try:
        province_names = _split_provinces(args.province) if getattr(args, "province", None) else None
        jobs = plan(
            args.notebook,
            args.parameter or [],
            province_names=province_names,
            lang=args.lang,
            name=getattr(args, "name", None),
            kernel_name=args.kernel,
            reuse_kernel=not args.fresh_kernel,
            timeout=args.timeout,
        )
    except ParameterError as error:
        print(f"{command}: error: {error}", file=sys.stderr)
        print(f"{command}: nothing was run.", file=sys.stderr)
        return 2
    result = execute(
        jobs,
        workers=getattr(args, "jobs", 1) or 1,
        scheduler=getattr(args, "scheduler", None),
        force=args.force,
        progress=not args.no_progress,
    )
    report(result, command)
    return result.exit_code


def _cmd_run(args) -> int:
    return _run_command(args, "study run")


def _cmd_batch(args) -> int:
    code = _run_command(args, "study batch")
    if code in (0, 1) and not getattr(args, "no_site", False):
        from study.publish import site

        index = site.build(jobs=max(1, int(getattr(args, "jobs", 1) or 1)))
        print(f"study batch: site written to {index}", file=sys.stderr)
    return code


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("notebook", help="a notebook name under notebooks/ (e.g. province_profile) or a path")
    p.add_argument(
        "-p",
        "--parameter",
        nargs=2,
        action="append",
        metavar=("NAME", "VALUE"),
        help="set a parameter the notebook declares (repeatable); types follow the declared defaults",
    )
    p.add_argument("--lang", choices=LANGS, default=None, help="language of the narrative; adds _<lang> to names")
    p.add_argument("--force", action="store_true", help="run even when the cached output is up to date")
    p.add_argument(
        "--fresh-kernel",
        action="store_true",
        help="start a new kernel for every run instead of reusing a reset warm kernel per worker",
    )
    p.add_argument("--kernel", default="python3", help="Jupyter kernel name (default python3)")
    p.add_argument("--timeout", type=check_timeout, default=None, help="seconds a cell may run (default: no limit)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")


def _add_run_batch(subparsers) -> None:
    p = subparsers.add_parser(
        "run",
        help="execute one notebook with parameters into reports/<notebook>/",
        description="Execute one notebook with papermill into reports/<notebook>/.",
    )
    _common(p)
    p.add_argument("--name", default=None, help="output name when no province is given (default: notebook name)")
    p.set_defaults(func=_cmd_run)

    p = subparsers.add_parser(
        "batch",
        help="execute a notebook for many provinces in parallel, with a cache",
        description="Execute a notebook once per province, in parallel, skipping runs "
        "whose notebook, parameters and data are unchanged.",
    )
    _common(p)
    p.add_argument(
        "--province",
        action="append",
        required=True,
        metavar="all|NAMES",
        help="'all' (every province with data) or names, comma-separated or repeated",
    )
    p.add_argument(
        "-j", "--jobs", type=check_jobs, default=os.cpu_count() or 1, help="parallel workers (default: cores)"
    )
    p.add_argument(
        "--scheduler",
        default=None,
        metavar="ADDRESS",
        help="run on a Dask distributed scheduler (tcp://host:8786) instead of local processes",
    )
    p.add_argument("--no-site", action="store_true", help="do not rebuild reports/site after the batch")
    p.set_defaults(func=_cmd_batch)


def _cmd_report(args) -> int:
    from study.publish import site

    index = site.build(
        no_code=args.no_code,
        jobs=args.jobs,
        progress=None if args.quiet else (lambda m: print(f"study report: {m}", file=sys.stderr)),
    )
    problems = site.check_links(index.parent)
    for problem in problems:
        print(f"study report: broken link: {problem}", file=sys.stderr)
    print(f"study report: wrote {index}")
    return 1 if problems else 0


def _add_report(subparsers) -> None:
    p = subparsers.add_parser(
        "report",
        help="build reports/site/index.html from the executed notebooks",
        description="Convert executed notebooks to HTML and write reports/site/index.html.",
    )
    p.add_argument("--no-code", action="store_true", help="hide input cells in the HTML pages")
    p.add_argument("-j", "--jobs", type=check_jobs, default=1, help="notebooks converted in parallel (default 1)")
    p.add_argument("-q", "--quiet", action="store_true", help="no per-notebook messages")
    p.set_defaults(func=_cmd_report)


# ---------------------------------------------------------------------------------------------
# the parser
# ---------------------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="study", description=__doc__)
    parser.add_argument("--version", action="version", version=f"study {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("build", help="build data/processed from data/raw")
    p.add_argument("--raw", default=None, help="raw data folder (default data/raw)")
    p.add_argument("--out", default=None, help="output folder (default data/processed)")
    p.add_argument(
        "--boundaries",
        default=None,
        metavar="PATH",
        help="another boundary file (any GeoJSON/TopoJSON/GeoPackage/Shapefile with a province name "
        "or code column); default: STUDY_BOUNDARIES, else data/raw/geo/diaphantinh.json",
    )
    p.set_defaults(func=_cmd_build)

    p = sub.add_parser("provinces", help="list units or resolve names")
    p.add_argument("names", nargs="*", help="names to resolve")
    p.add_argument("--regime", default="63", choices=["63", "34"])
    p.set_defaults(func=_cmd_provinces)

    p = sub.add_parser("coverage", help="print the province x year matrix of what is known")
    p.add_argument("--only-known", action="store_true", help="hide provinces with nothing")
    p.set_defaults(func=_cmd_coverage)

    from study import extract

    extract.register(sub)
    _add_run_batch(sub)
    _add_report(sub)
    return parser


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("study: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
