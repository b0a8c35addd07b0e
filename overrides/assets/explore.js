// The Explore page (snippets/explore.md.j2): asks Pagefind for the pages matching the
// chosen filters and words, lists them, and updates the count beside every choice.
// Choices within a group widen the results (any of them), groups narrow them (all).
// The filters are native checkboxes in fieldsets, so they work with the keyboard alone,
// and the choice is kept in the address, so a filtered view can be bookmarked and shared.
(() => {
  "use strict";
  const form = document.querySelector("form[data-explore]");
  if (!form || !window.siteSearch) return;
  const status = document.getElementById("explore-status");
  const list = document.getElementById("explore-results");
  const more = document.getElementById("explore-more");
  const words = form.elements.q;
  const prompt = status.textContent;
  const step = 20; // results shown at a time: each one costs a small fragment download
  let results = [];
  let latest = 0;
  let timer;

  const boxes = () => [...form.querySelectorAll("input[type=checkbox]")];

  // {facet: {any: [values]}} for Pagefind, optionally leaving one facet out.
  const chosen = (except) => {
    const filters = {};
    for (const box of boxes()) {
      if (box.checked && box.name !== except) (filters[box.name] ??= { any: [] }).any.push(box.value);
    }
    return filters;
  };

  // A facet's counts must ignore its own choices (they widen, not narrow), so each facet
  // with a choice gets its counts from a search without it; the others share one search.
  const counts = async (pagefind, query, search) => {
    const result = { ...search.filters };
    for (const facet of new Set(boxes().filter((b) => b.checked).map((b) => b.name))) {
      const other = await pagefind.search(query, { filters: chosen(facet) });
      result[facet] = other?.filters?.[facet] ?? {};
    }
    return result;
  };

  const show = (facetCounts) => {
    for (const fieldset of form.querySelectorAll("fieldset[data-facet]")) {
      const values = facetCounts[fieldset.dataset.facet] ?? {};
      for (const label of fieldset.querySelectorAll("label")) {
        const box = label.querySelector("input");
        const n = values[box.value] ?? 0;
        label.querySelector("[data-count]").textContent = `(${n})`;
        label.classList.toggle("explore__value--none", n === 0 && !box.checked);
      }
    }
  };

  const item = (data) => {
    const li = document.createElement("li");
    const link = document.createElement("a");
    link.href = data.url;
    link.textContent = data.meta.title || data.url;
    li.append(link, window.siteSearch.excerpt(data.excerpt)); // text and <mark> only
    return li;
  };

  const showMore = async () => {
    const ticket = latest;
    const next = results.slice(list.children.length, list.children.length + step);
    const data = await Promise.all(next.map((r) => r.data()));
    if (ticket !== latest) return;
    list.append(...data.map(item));
    more.hidden = list.children.length >= results.length;
  };

  const remember = () => {
    const params = new URLSearchParams();
    if (words.value.trim()) params.set("q", words.value.trim());
    for (const box of boxes()) if (box.checked) params.append(box.name, box.value);
    const query = params.toString();
    history.replaceState(null, "", query ? `?${query}` : location.pathname);
  };

  const run = async () => {
    const ticket = ++latest;
    remember();
    const query = words.value.trim() || null;
    const filters = chosen();
    const pagefind = await window.siteSearch.load();
    if (!query && Object.keys(filters).length === 0) {
      const totals = await pagefind.filters();
      if (ticket !== latest) return;
      show(totals);
      results = [];
      list.replaceChildren();
      more.hidden = true;
      status.textContent = prompt;
      return;
    }
    const search = await pagefind.search(query, { filters });
    const facetCounts = await counts(pagefind, query, search);
    if (ticket !== latest) return;
    show(facetCounts);
    results = search.results;
    list.replaceChildren();
    await showMore();
    if (ticket !== latest) return;
    const n = results.length;
    // Said once the first results are on the page, for screen readers (role=status).
    status.textContent = n === 0 ? status.dataset.none : status.dataset.all.replace("{count}", n);
  };

  form.addEventListener("change", (event) => {
    if (event.target.type === "checkbox") run();
  });
  words.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(run, 250);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
  form.addEventListener("reset", () => setTimeout(run)); // after the form has been cleared
  more.addEventListener("click", showMore);

  // A bookmarked or shared view, or a query sent from the header's search box.
  const params = new URLSearchParams(location.search);
  if ([...params.keys()].length) {
    words.value = params.get("q") ?? "";
    for (const box of boxes()) box.checked = params.getAll(box.name).includes(box.value);
    run();
  }
})();
