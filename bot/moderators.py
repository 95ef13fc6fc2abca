"""Who may ingest documents, review claims and manage feeds, per platform.

``MODERATORS=telegram:123,discord:456,console:*`` names user ids on each platform; ``*`` lets
every user of that platform moderate (sensible for the console, where the user is whoever runs
the bot). A platform not named has no moderators.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from handlers.types import Incoming

__all__ = ["Moderators"]


@dataclass(frozen=True, slots=True)
class Moderators:
    users: frozenset[tuple[str, str]]

    @classmethod
    def parse(cls, text: str) -> Moderators:
        users: set[tuple[str, str]] = set()
        for item in text.split(","):
            item = item.strip()
            if not item:
                continue
            platform, sep, user = item.partition(":")
            if not sep or not platform.strip() or not user.strip():
                raise ValueError(
                    f"{item!r} is not platform:user_id (e.g. telegram:123, discord:456, console:*)"
                )
            users.add((platform.strip().lower(), user.strip()))
        return cls(frozenset(users))

    def allows(self, platform: str, user_id: str) -> bool:
        return (platform, "*") in self.users or (platform, str(user_id)) in self.users

    def on(self, platform: str) -> list[str]:
        """The user ids named on one platform (without the wildcard)."""
        return sorted(user for p, user in self.users if p == platform and user != "*")

    def mark(self, incoming: Incoming) -> Incoming:
        """The incoming command with its user marked a moderator or not, as configured."""
        user = incoming.user
        moderator = self.allows(incoming.platform, user.id)
        if user.is_moderator == moderator:
            return incoming
        return replace(incoming, user=replace(user, is_moderator=moderator))
