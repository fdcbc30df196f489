"""Accounts: organisations (the association's members and investors), people, their roles, API tokens,
login sessions and the audit trail of every change.

`roles.py` is the pure core (who may do what, as plain data and functions); `passwords.py` and
`secrets.py` hash what must never be stored in clear; `storage.py` is the SQLAlchemy part; `audit.py`
records changes in the transaction that makes them; `actions.py` holds the use cases (log in, create
an administrator, issue a token, …). The permission checks of every other domain's use cases call
`roles.py`, so each rule is written once (docs/architecture.md#accounts).

Accounts made or recovered by mailed links (docs/accounts.md): `signup.py`, `invitations.py` and
`password_reset.py` are their use cases; `tokens.py` signs the one-use links, `signing_key.py` keeps the
key, `mail.py` sends over SMTP the letters `letters.py` writes, and `rate_limits.py` counts attempts
per client address from the audit trail.
"""
