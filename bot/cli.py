"""The `briefbot` command: run the bot, load content, play the demo, chat in a terminal."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from bot.config import Config, ConfigError, load_config

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _date_argument(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date as YYYY-MM-DD") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefbot",
        description="A Telegram bot that delivers daily briefings on the war in Ukraine.",
        epilog="Configuration comes from --config / BRIEFBOT_CONFIG and the environment "
        "(TELEGRAM_BOT_TOKEN, BRIEFBOT_DB, BRIEFBOT_ADMINS, ...): see the README.",
    )
    parser.add_argument("--version", action="version", version="%(prog)s 0.1.0")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def command(name: str, summary: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=summary, description=summary)
        sub.add_argument("--config", type=Path, help="YAML config file (or BRIEFBOT_CONFIG)")
        return sub

    command("run", "Run the bot: poll Telegram for updates and answer them.")
    load = command("load", "Load briefings from YAML or text files (or folders of them).")
    load.add_argument("paths", nargs="+", type=Path, metavar="PATH", help=".yaml, .yml or .txt")
    load.add_argument(
        "--date", type=_date_argument, help="day of text files whose name holds no YYYY-MM-DD"
    )
    load.add_argument("--db", type=Path, help="SQLite file (default: BRIEFBOT_DB or briefbot.db)")
    load.add_argument("--quiet", action="store_true", help="no progress bar")
    command("demo", "Play a short scripted conversation with the bot, offline, and print it.")
    chat = command("chat", "Chat with the bot in this terminal, offline, through a fake Telegram.")
    chat.add_argument("--db", type=Path, help="SQLite file (default: a temporary one with samples)")
    return parser


def _config(args: argparse.Namespace) -> Config:
    config = load_config(args.config, os.environ)
    db = getattr(args, "db", None)
    if db is not None:
        config = Config(**{**config.__dict__, "db_path": db})
    return config


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        config = _config(args)
    except ConfigError as error:
        print(f"briefbot: configuration error: {error}", file=sys.stderr)
        return EXIT_USAGE
    if args.command == "load":
        from bot.load_command import run_load

        return asyncio.run(run_load(config, args.paths, day=args.date, quiet=args.quiet))
    if args.command == "run":
        from bot.run_command import run_bot

        return run_bot(config)
    if args.command == "demo":
        from bot.demo import run_demo

        return asyncio.run(run_demo(config))
    from bot.chat import run_chat

    return asyncio.run(run_chat(config, db_path=args.db))


if __name__ == "__main__":
    sys.exit(main())
