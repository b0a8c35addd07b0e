"""Links that never break: a renamed record's old address redirects to its new one."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from conftest import build_renamed

from .conftest import _serve

pytestmark = pytest.mark.slow


@pytest.mark.browser
def test_a_reader_following_an_old_link_lands_on_the_practice(repo, visit):
    served = _serve(build_renamed(repo))
    page, traffic = visit(served, "practices/old-name/")
    page.wait_for_url("**/practices/new-name/")
    assert urlsplit(page.url).path == "/practices/new-name/"
    assert page.title().startswith("Test practice about evacuation")
