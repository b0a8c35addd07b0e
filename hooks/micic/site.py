"""The site the pages belong to: its name, public address and repository (from mkdocs.yml)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Site:
    """What the pages need to know about the site they belong to."""

    name: str
    url: str = ""  # the public address, ending with /, when known
    repo_url: str = ""
    edit_branch: str = "main"

    def permalink(self, page_url: str) -> str:
        return f"{self.url}{page_url}" if self.url else f"/{page_url}"

    def edit_url(self, path: str) -> str:
        return f"{self.repo_url.rstrip('/')}/edit/{self.edit_branch}/{path}" if self.repo_url else ""
