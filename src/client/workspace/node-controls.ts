// "+ Node" for lessons whose frontmatter allows more than one node, and "Remove nodeN" on any extra node's tab
// (POST /api/sessions/:id/nodes → { node }, DELETE /api/sessions/:id/nodes/:node).
import { AddNodeResponseSchema } from '../../../shared/contracts/api-schemas.ts';
import { isNodeTab, type LessonStore } from '../lesson-store.ts';
import { sessionRequest } from '../session-api.ts';
import type { Translate } from '../localize.ts';

export function mountNodeControls(pane: HTMLElement, store: LessonStore, maxNodes: number, t: Translate, report: (text: string) => void): void {
  /** The lesson's own nodes (frontmatter `nodes`, also the most it allows): its steps expect every one. */
  const lessonNodes = maxNodes;
  // Only lessons that use several nodes offer to add one; a session may still have extra nodes (added through
  // the API), and those can always be removed.
  const add = pane.querySelector<HTMLButtonElement>('[data-add-node]');
  const remove = pane.querySelector<HTMLButtonElement>('[data-remove-node]');
  if (!remove) return;

  const render = () => {
    const { nodes, activeTab, session, connection } = store.getState();
    const usable = Boolean(session) && connection.status === 'ready';
    if (add) {
      add.disabled = !usable || nodes.length >= maxNodes;
      add.title = nodes.length >= maxNodes ? t('nodes.limit', { count: maxNodes }) : t('nodes.add');
    }
    const removable = isNodeTab(activeTab) && activeTab !== 'node1';
    remove.hidden = !removable;
    remove.disabled = !usable;
    remove.textContent = removable ? t('nodes.remove', { node: activeTab }) : '';
  };

  // Both handlers report their own failures (report), so the listeners have no promise to keep.
  const addNode = async (): Promise<void> => {
    const { session } = store.getState();
    if (!session || !add) return;
    add.disabled = true;
    try {
      const created = await sessionRequest(session, 'POST', '/nodes', AddNodeResponseSchema);
      if (created) {
        const { nodes, setNodes, showTab } = store.getState();
        if (!nodes.includes(created.node)) setNodes([...nodes, created.node]);
        showTab(created.node);
      }
    } catch (error) {
      report(t('nodes.failed', { reason: (error as Error).message }));
    } finally {
      render();
    }
  };
  add?.addEventListener('click', () => void addNode());

  const removeNode = async (): Promise<void> => {
    const { session, activeTab } = store.getState();
    if (!session || !isNodeTab(activeTab) || activeTab === 'node1') return;
    // Everything on the node goes, and a node the lesson starts with is one its steps use: ask first.
    const needed = Number(activeTab.slice('node'.length)) <= lessonNodes;
    if (!confirm(t(needed ? 'nodes.removeNeeded' : 'nodes.removeConfirm', { node: activeTab }))) return;
    remove.disabled = true;
    try {
      await sessionRequest(session, 'DELETE', `/nodes/${encodeURIComponent(activeTab)}`, null);
      store.getState().setNodes(store.getState().nodes.filter((node) => node !== activeTab));
    } catch (error) {
      report(t('nodes.failed', { reason: (error as Error).message }));
    } finally {
      render();
    }
  };
  remove.addEventListener('click', () => void removeNode());

  store.subscribe((state, previous) => {
    if (state.nodes !== previous.nodes || state.activeTab !== previous.activeTab || state.session !== previous.session || state.connection !== previous.connection) render();
  });
  render();
}
