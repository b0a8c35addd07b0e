"""The site the pages belong to: its name, public address and repository (from mkdocs.yml)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Site:
    """What the pages need to know about the site they belong to."""

    name: str  # in the language of the pages
    url: str = ""  # the public address of the site's root, ending with /, when known
    repo_url: str = ""
    edit_branch: str = "main"
    prefix: str = ""  # where the pages' language lives below the root: "" or "fr/"

    def permalink(self, page_url: str) -> str:
        """A page's permanent address, in the language of the pages."""
        return f"{self.url}{self.prefix}{page_url}" if self.url else f"/{self.prefix}{page_url}"

    def edit_url(self, path: str) -> str:
        return f"{self.repo_url.rstrip('/')}/edit/{self.edit_branch}/{path}" if self.repo_url else ""
