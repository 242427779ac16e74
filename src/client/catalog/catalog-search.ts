// The catalog's search box: narrows the lesson cards to those whose title, summary or topics hold every word
// typed (in any order, any case), on top of the topic filter. Runs in the page script, not the idle island,
// so it answers from the first keystroke.

/** Whether a card's text holds every word of the query (case- and accent-insensitive). */
export function matchesQuery(query: string, text: string): boolean {
  const fold = (value: string) => value.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  const haystack = fold(text);
  return fold(query).split(/\s+/).filter(Boolean).every((word) => haystack.includes(word.replace(/^#/, '')));
}

export function mountCatalogSearch(root: ParentNode): void {
  const input = root.querySelector<HTMLInputElement>('[data-catalog-search]');
  const status = root.querySelector<HTMLElement>('[data-search-status]');
  const cards = [...root.querySelectorAll<HTMLElement>('.lesson-card')];
  if (!input || !status) return;
  // A topic matches by its label and by its English name (a translated catalog still finds "volumes").
  const texts = new Map(cards.map((card) => [card, [card.querySelector('.card-body')?.textContent ?? '', ...[...card.querySelectorAll<HTMLElement>('[data-tag]')].map((tag) => tag.dataset.tag)].join(' ')]));
  input.addEventListener('input', () => {
    let shown = 0;
    for (const card of cards) {
      const miss = !matchesQuery(input.value, texts.get(card) ?? '');
      card.toggleAttribute('data-search-miss', miss);
      if (!miss && !card.hidden) shown += 1;
    }
    const count = status.querySelector('[data-search-count]');
    if (count) count.textContent = String(shown);
    status.hidden = input.value.trim() === '';
  });
}
