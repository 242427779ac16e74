// A dismissible notice at the top of the page, for things the learner must know but need not act on now
// (saved progress that had to be dropped).
export function showNotice(container: HTMLElement, text: string, dismissLabel: string): HTMLElement {
  const notice = document.createElement('div');
  notice.className = 'page-notice';
  notice.setAttribute('role', 'alert');
  notice.dataset.pageNotice = '';
  const message = document.createElement('p');
  message.textContent = text;
  const dismiss = document.createElement('button');
  dismiss.type = 'button';
  dismiss.textContent = dismissLabel;
  dismiss.addEventListener('click', () => notice.remove());
  notice.append(message, dismiss);
  container.prepend(notice);
  return notice;
}
