"""Signing in: local accounts (argon2id), sessions that expire, and who may reach which workspace.

A session token is random (``secrets.token_urlsafe``) and handed to the browser once; the database keeps
only its SHA-256. A session ends after ``hours`` without use, at sign-out, or when the account is disabled.
"""

from __future__ import annotations

import hashlib
import math
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import delete
from sqlmodel import Session, col, select

from calendar_app.errors import PermissionDeniedError, ValidationError
from calendar_app.models import Membership, Role, User, UserSession, Workspace, utc_now
from calendar_app.services.users import find_user, password_hasher, verify_password

DEFAULT_SESSION_HOURS = 8.0
WRONG_CREDENTIALS = "Email or password is wrong, or the account is disabled."


class SignInError(PermissionDeniedError):
    """Wrong email or password, or a disabled account (one message for all: it tells an attacker nothing)."""


class TooManySignInAttempts(SignInError):
    """Too many wrong passwords for one email lately: sign-in for it waits ``minutes``."""

    def __init__(self, minutes: int):
        super().__init__(f"Too many failed sign-ins for this email: try again in {minutes} minute"
                         f"{'s' if minutes > 1 else ''}.")
        self.minutes = minutes


class SignInThrottle:
    """At most ``max_failures`` failed sign-ins per email within ``window``; then that email waits until
    the oldest failure is out of the window. Every email counts, known or not, so a refusal reveals no
    account. The count lives in this process (one app server)."""

    def __init__(self, max_failures: int = 5, window: timedelta = timedelta(minutes=15),
                 clock: Callable[[], float] = time.monotonic):
        self.max_failures, self.window, self.clock = max_failures, window.total_seconds(), clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str) -> deque[float]:
        failures = self._failures.setdefault(key, deque())
        while failures and failures[0] <= self.clock() - self.window:
            failures.popleft()
        return failures

    def check(self, email: str) -> None:
        """Raise TooManySignInAttempts while ``email`` is locked out."""
        with self._lock:
            failures = self._recent(_email_key(email))
            if len(failures) >= self.max_failures:
                raise TooManySignInAttempts(max(1, math.ceil((failures[0] + self.window - self.clock()) / 60)))

    def failed(self, email: str) -> None:
        with self._lock:
            self._recent(_email_key(email)).append(self.clock())

    def succeeded(self, email: str) -> None:
        with self._lock:
            self._failures.pop(_email_key(email), None)

    def clear(self) -> None:
        with self._lock:
            self._failures.clear()


def _email_key(email: str) -> str:
    return (email or "").strip().casefold()


sign_in_throttle = SignInThrottle()


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def authenticate(email: str, password: str, *, session: Session,
                 throttle: SignInThrottle = sign_in_throttle) -> User:
    throttle.check(email)
    user = find_user(email, session=session)
    if user is None:
        password_hasher().hash(password or "-")  # same time as a real check: no user enumeration by timing
    if user is None or not verify_password(user, password):
        throttle.failed(email)
        raise SignInError(WRONG_CREDENTIALS)
    throttle.succeeded(email)
    return user


def start_session(user: User, *, session: Session, hours: float = DEFAULT_SESSION_HOURS) -> str:
    """A new session for ``user``; returns the token (shown to nobody else, stored only as a hash)."""
    token = secrets.token_urlsafe(32)
    now = utc_now()
    session.add(UserSession(token_hash=_digest(token), user_id=user.id, created_at=now, last_seen_at=now,
                            expires_at=now + timedelta(hours=hours)))
    session.flush()
    return token


def resume_session(token: str | None, *, session: Session, hours: float = DEFAULT_SESSION_HOURS) -> User | None:
    """The user of a live session, its expiry pushed back; None (and the session removed) once expired."""
    if not token:
        return None
    record = session.exec(select(UserSession).where(UserSession.token_hash == _digest(token))).first()
    if record is None:
        return None
    user = session.get(User, record.user_id)
    now = utc_now()
    if record.expires_at <= now or user is None or not user.is_active:
        session.delete(record)
        session.flush()
        return None
    record.last_seen_at, record.expires_at = now, now + timedelta(hours=hours)
    session.add(record)
    session.flush()
    return user


def end_session(token: str | None, *, session: Session) -> None:
    if token:
        session.execute(delete(UserSession).where(col(UserSession.token_hash) == _digest(token)))
        session.flush()


def end_user_sessions(user_id: int, *, session: Session) -> None:
    """Sign the user out everywhere (after a password change or when the account is disabled)."""
    session.execute(delete(UserSession).where(col(UserSession.user_id) == user_id))
    session.flush()


# --- workspaces a user reaches --------------------------------------------------------------------------------

def workspaces_of(user: User, *, session: Session) -> list[Workspace]:
    """The workspaces ``user`` may open: all of them for an admin, else those they are a member of (archived
    ones never)."""
    statement = select(Workspace).where(col(Workspace.archived_at).is_(None)).order_by(Workspace.name)
    if user.role != Role.ADMIN:
        statement = statement.join(Membership, col(Membership.workspace_id) == col(Workspace.id)).where(
            Membership.user_id == user.id)
    return list(session.exec(statement))


def is_member(user: User, workspace_id: int, *, session: Session) -> bool:
    if user.role == Role.ADMIN:
        return True
    return session.exec(select(Membership).where(
        Membership.user_id == user.id, Membership.workspace_id == workspace_id)).first() is not None


def require_member(user: User, workspace_id: int, *, session: Session) -> None:
    if not user.is_active or not is_member(user, workspace_id, session=session):
        raise PermissionDeniedError(f"{user.name} is not a member of this workspace.")


def grant_access(user: User, workspace_id: int, *, session: Session) -> Membership:
    """Make ``user`` a member of the workspace (nothing happens if they already are)."""
    existing = session.exec(select(Membership).where(
        Membership.user_id == user.id, Membership.workspace_id == workspace_id)).first()
    if existing is not None:
        return existing
    if session.get(Workspace, workspace_id) is None:
        raise ValidationError(f"Workspace {workspace_id} does not exist.")
    membership = Membership(user_id=user.id, workspace_id=workspace_id)
    session.add(membership)
    session.flush()
    return membership


def revoke_access(user: User, workspace_id: int, *, session: Session) -> None:
    session.execute(delete(Membership).where(col(Membership.user_id) == user.id,
                                             col(Membership.workspace_id) == workspace_id))
    session.flush()
