"""`dateline user ...`: analyst accounts. Registered on the main group by dateline/cli.py."""
from __future__ import annotations

import click

from dateline.cli import Context, _print_table, main, pass_context


@main.group()
def user() -> None:
    """Manage analyst accounts (who may review events and ingest through the web).

    \b
    Example:
      dateline user add alice
      dateline user list
    """


@user.command("add")
@click.argument("name")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True,
              envvar="DATELINE_PASSWORD", help="The password (asked for when not given; also"
              " $DATELINE_PASSWORD). At least 10 characters; stored as an argon2id hash.")
@click.option("--reset", is_flag=True, help="Set a new password for an existing analyst.")
@pass_context
def user_add(context: Context, name: str, password: str, reset: bool) -> None:
    """Add an analyst account (or --reset its password).

    \b
    Example:
      dateline user add alice
    """
    from dateline.store.accounts import AccountError, add_analyst, set_password

    store = context.store()
    try:
        with store.transaction() as db:
            if reset:
                set_password(db, name, password)
            else:
                add_analyst(db, name, password)
    except AccountError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"{'password reset for' if reset else 'added analyst'} {name}")


@user.command("list")
@pass_context
def user_list(context: Context) -> None:
    """List analyst accounts.

    \b
    Example:
      dateline user list
    """
    from dateline.store.accounts import list_analysts

    rows = [(name, "yes" if active else "no", created)
            for name, active, created in list_analysts(context.store(existing=True).connection)]
    _print_table(("name", "active", "created"), rows)
