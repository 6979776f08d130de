"""Team members: accounts with argon2id password hashes."""

from __future__ import annotations

from functools import lru_cache

from argon2 import PasswordHasher
from argon2.exceptions import VerificationError
from sqlmodel import Session, select

from calendar_app.errors import ValidationError
from calendar_app.i18n import Localized
from calendar_app.models import User, UserCreate
from calendar_app.services.common import create_audited, get_existing

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1024


@lru_cache
def password_hasher() -> PasswordHasher:
    return PasswordHasher()  # argon2id with the library's recommended parameters


def check_new_password(password: str | None) -> str:
    """``password`` if it may be set on an account: the one rule for the app and ``edito user``."""
    if not password or len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(Localized("password.too_short", count=MIN_PASSWORD_LENGTH))
    if len(password) > MAX_PASSWORD_LENGTH:
        raise ValidationError(Localized("password.too_long", count=MAX_PASSWORD_LENGTH))
    return password


def create_user(data: UserCreate, *, session: Session, actor_id: int | None = None, is_demo: bool = False) -> User:
    password_hash = password_hasher().hash(data.password) if data.password else None
    user = User.model_validate(data, update={"password_hash": password_hash, "is_demo": is_demo})
    return create_audited(user, session=session, entity="user", actor_id=actor_id,
                          duplicate_message=Localized("members.email_taken", email=data.email),
                          audited_fields={"name", "email", "role", "is_active"})


def get_user(user_id: int, *, session: Session) -> User:
    return get_existing(User, user_id, session=session, label="User")


def find_user(email: str, *, session: Session) -> User | None:
    return session.exec(select(User).where(User.email == email.strip().lower())).first()


def list_users(*, session: Session) -> list[User]:
    return list(session.exec(select(User).order_by(User.name)))


def verify_password(user: User, password: str) -> bool:
    if not user.password_hash or not user.is_active:
        return False
    try:
        return password_hasher().verify(user.password_hash, password)
    except VerificationError:
        return False
