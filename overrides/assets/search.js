// The header search box, backed by Pagefind (see overrides/partials/search.html).
// Readers on slow or costly connections pay nothing for search until they type: only then
// is Pagefind loaded, and it fetches just the index fragments that the query needs.
// Exposes window.siteSearch.load() so that the Explore page shares the same Pagefind.
(() => {
  "use strict";
  const form = document.querySelector("form[data-pagefind-src]");
  if (!form) return;
  const source = new URL(form.dataset.pagefindSrc, document.baseURI);
  let loading = null;

  // Pagefind returns root-relative result URLs; the site may be served under a sub-path.
  // A large catalogue is indexed into several bundles (micic.search.bundles), listed in
  // data-pagefind-merge: Pagefind searches them as one, ranking their results together.
  const load = () => {
    loading ??= import(source.href).then(async (pagefind) => {
      const options = { baseUrl: new URL("..", source).pathname };
      await pagefind.options(options);
      for (const bundle of (form.dataset.pagefindMerge || "").split(" ").filter(Boolean)) {
        await pagefind.mergeIndex(new URL(bundle, document.baseURI).pathname, options);
      }
      return pagefind;
    });
    return loading;
  };
  // A result's excerpt as nodes: Pagefind's text with <mark> around the matches, and nothing
  // else, whatever the indexed page held (DOMParser runs no script and loads nothing).
  const excerpt = (html) => {
    const p = document.createElement("p");
    for (const node of new DOMParser().parseFromString(html, "text/html").body.childNodes) {
      if (node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        p.append(mark);
      } else {
        p.append(node.textContent);
      }
    }
    return p;
  };
  window.siteSearch = { load, excerpt };

  const input = form.querySelector("input");
  const toggle = document.getElementById("__search");
  const results = document.getElementById("site-search-results");
  const status = results.querySelector("[role=status]");
  const list = results.querySelector("ol");
  const prompt = status.textContent;
  // The messages, in the page's language: the search box's template (partials/search.html)
  // writes them from the message catalogue into data- attributes of the status line.
  const words = status.dataset;
  const shown = 10;
  let latest = 0;
  let timer;

  const item = (data) => {
    const li = document.createElement("li");
    li.className = "md-search-result__item";
    const link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = data.url;
    const article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    const title = document.createElement("h1");
    title.textContent = data.meta.title || data.url;
    article.append(title, excerpt(data.excerpt));
    link.append(article);
    li.append(link);
    return li;
  };

  const run = async () => {
    const query = input.value.trim();
    const ticket = ++latest;
    if (!query) {
      status.textContent = prompt;
      list.replaceChildren();
      return;
    }
    status.textContent = words.searching;
    try {
      const pagefind = await load();
      const search = await pagefind.search(query);
      const data = await Promise.all(search.results.slice(0, shown).map((r) => r.data()));
      if (ticket !== latest) return; // a newer query has started
      const count = search.results.length;
      status.textContent =
        count === 0
          ? words.none
          : (count > shown ? words.some : words.all).replace("{count}", count).replace("{shown}", shown);
      list.replaceChildren(...data.map(item));
    } catch (error) {
      if (ticket === latest) status.textContent = words.unavailable;
      throw error;
    }
  };

  input.addEventListener("focus", () => {
    toggle.checked = true;
  });
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(run, 150);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      toggle.checked = false;
      input.blur();
    }
  });
  // On small screens the magnifier opens the search overlay: put the cursor in the box.
  toggle.addEventListener("change", () => {
    if (toggle.checked) input.focus();
  });
})();
