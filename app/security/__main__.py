"""python -m app.security create NAME | list | revoke NAME: maintainers' API keys."""

import argparse
import sys

from app.core.config import get_settings
from app.core.db import make_engine, transaction
from app.security.keys import KeyProblem, create_key, list_keys, revoke_key


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app.security", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("create", help="make a key; it is printed once").add_argument("name")
    commands.add_parser("list", help="list keys by name")
    commands.add_parser("revoke", help="revoke a key by name").add_argument("name")
    args = parser.parse_args(argv)

    engine = make_engine(get_settings().database_url)
    try:
        with transaction(engine) as session:
            if args.command == "create":
                key = create_key(session, args.name)
                print(f"Key '{args.name}' created. It is shown only now; store it safely:")
                print(key)
            elif args.command == "revoke":
                revoke_key(session, args.name)
                print(f"Key '{args.name}' revoked.")
            else:
                for row in list_keys(session):
                    state = f"revoked {row.revoked_at:%Y-%m-%d}" if row.revoked_at else "active"
                    print(f"{row.name}\tcreated {row.created_at:%Y-%m-%d}\t{state}")
    except KeyProblem as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
