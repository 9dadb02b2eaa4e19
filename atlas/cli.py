"""The `atlas` command: build the atlas, check its curation, serve it.

    atlas build            read the lists in data/sources.yml and write dist/ (what build.py does)
    atlas check            run every stage in memory and report, writing nothing
    atlas serve            serve dist/ with Datasette at http://127.0.0.1:8001
    atlas update [SOURCE…] take the newer version of lists from their upstream (docs/updating.md)

Each subcommand's --help lists its options. A mistake in a list or a curated YAML file stops with
one `file:line: message` line and exit status 1; dist/ is then left as it was.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from atlas.build.errors import ExportFailed, InputError, OutputBusy
from atlas.build.pipeline import build, build_dataset, print_report
from atlas.build.update import DEFAULT_MAX_LOSS, update

# The checkout the package lives in: its data/ and taxonomy/ are the defaults.
HOME = Path(__file__).resolve().parent.parent


def add_input_arguments(parser: argparse.ArgumentParser) -> None:
    """The inputs every stage reads: the manifest, the curated data and the taxonomy."""
    parser.add_argument("--sources", type=Path, default=HOME / "data" / "sources.yml",
                        help="the manifest of paper lists (default: data/sources.yml)")
    parser.add_argument("--curation", type=Path, default=HOME / "data",
                        help="folder of venues.yml, people.yml, merges.yml, retired_ids.yml (default: data/)")
    parser.add_argument("--taxonomy", type=Path, default=HOME / "taxonomy",
                        help="folder of the topic taxonomy YAML (default: taxonomy/)")


def add_build_arguments(parser: argparse.ArgumentParser) -> None:
    add_input_arguments(parser)
    parser.add_argument("--out", type=Path, default=Path("dist"),
                        help="output folder, a symlink to the latest complete build; the database is "
                        "OUT/atlas.db (default: dist/)")
    parser.add_argument("--no-wait", action="store_true",
                        help="stop at once, rather than wait, when another build is writing OUT")


def run_build(args: argparse.Namespace) -> int:
    try:
        report = build(args.sources, args.out, args.curation, args.taxonomy, wait=not args.no_wait)
    except (InputError, OutputBusy, ExportFailed) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except OSError as error:  # the output cannot be written: a folder not ours, a full disk
        print(f"error: {error.filename or args.out}: {error.strerror or error}", file=sys.stderr)
        return 1
    print_report(report)
    return 0


def run_check(args: argparse.Namespace) -> int:
    """Every stage up to the database, in memory: the same errors and warnings as a build."""
    try:
        data = build_dataset(args.sources, args.curation, args.taxonomy)
    except InputError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print_report(data.report, done="checked")
    return 0


def run_update(args: argparse.Namespace) -> int:
    """Fetch, compare, report, and take the new versions unless refused (atlas/build/update.py)."""
    return update(args.sources, args.source_ids, args.accept, args.report, args.curation, args.taxonomy,
                  args.max_loss)


def add_update_command(commands: argparse._SubParsersAction) -> None:
    command = commands.add_parser(
        "update", help="take the newer version of lists from where they come from",
        description="Fetch each named source's file from its `upstream` (every source with one, when "
        "none is named), build the atlas with and without the new versions, print per list the papers "
        "added, removed and retitled and the entries whose id or topics changed; then vendor the new "
        "versions, record their revision and checksum in the manifest and retire the ids that vanish. "
        "Exit 2, writing nothing, when refused.")
    add_input_arguments(command)
    command.add_argument("source_ids", nargs="*", metavar="SOURCE",
                         help="source ids (default: every source with an upstream)")
    command.add_argument("--accept", action="store_true",
                         help="take a list even if it lost more than --max-loss of its paper entries")
    command.add_argument("--max-loss", type=float, default=DEFAULT_MAX_LOSS,
                         help=f"the share of its paper entries a list may lose and be taken without --accept "
                         f"(default: {DEFAULT_MAX_LOSS})")
    command.add_argument("--report", type=Path, help="also write the report as JSON to this file")
    command.set_defaults(run=run_update)


def run_serve(args: argparse.Namespace) -> int:
    """`datasette DIST -p PORT`: the folder is a Datasette configuration directory."""
    from datasette.cli import cli

    if not (args.dist / "atlas.db").is_file():
        print(f"error: {args.dist}: no atlas.db here; run `atlas build` first", file=sys.stderr)
        return 1
    options = ["serve", str(args.dist), "-p", str(args.port), "-h", args.host]
    return cli.main(options, prog_name="atlas serve", standalone_mode=False) or 0


def parser() -> argparse.ArgumentParser:
    command = argparse.ArgumentParser(prog="atlas", description=__doc__,
                                      formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = command.add_subparsers(dest="command", required=True, metavar="COMMAND")
    build_command = commands.add_parser(
        "build", help="build dist/ from the lists and the curation",
        description="Read the lists the manifest names, run every stage and swap the new build in as "
        "OUT (dist/): atlas.db, the RDF and BibTeX exports and the site files.")
    add_build_arguments(build_command)
    build_command.set_defaults(run=run_build)
    check_command = commands.add_parser(
        "check", help="validate the lists and the curation without writing anything",
        description="Read every list and curated YAML file and run the stages in memory: print the "
        "build's counts and warnings, or the first error as file:line: message.")
    add_input_arguments(check_command)
    check_command.set_defaults(run=run_check)
    serve_command = commands.add_parser(
        "serve", help="serve dist/ with Datasette",
        description="Serve the built atlas: pages, tables, SQL, exports, RDF and the SPARQL endpoint.")
    serve_command.add_argument("dist", nargs="?", type=Path, default=Path("dist"),
                               help="the built folder (default: dist/)")
    serve_command.add_argument("-p", "--port", type=int, default=8001, help="port (default: 8001)")
    serve_command.add_argument("--host", default="127.0.0.1", help="interface (default: 127.0.0.1)")
    serve_command.set_defaults(run=run_serve)
    add_update_command(commands)
    return command


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
