// Every UI string of the site, one dictionary per locale. Pages render English at build time and mark the
// element with data-i18n; the browser re-renders it in the learner's language (src/client/localize.ts).
// Lesson text itself is not here: lessons exist per locale (frontmatter `locale`).
import type { Locale } from '../shared/browser-state-schemas.ts';

const en = {
  'site.language': 'Language',
  'site.skip': 'Skip to content',
  'site.themeToDark': 'Dark theme',
  'site.themeToLight': 'Light theme',
  'site.themeToggle': 'Switch between the light and dark theme',
  'notice.dismiss': 'Dismiss',
  'notice.progressDropped': 'Some progress saved in this browser was unreadable and has been removed ({count} item(s)). The rest is kept.',
  'notice.preferencesDropped': 'Your saved settings were unreadable and have been reset to the defaults.',

  'catalog.title': 'Slipway: an interactive Docker course',
  'catalog.description': 'Learn Docker with lessons beside a real terminal into your own Docker engine.',
  'catalog.tagline': 'An interactive Docker course: each lesson sits beside a real terminal into your own Docker engine.',
  'catalog.path': 'The course path',
  'catalog.filter': 'Show lessons about',
  'catalog.filterAll': 'All topics',
  'catalog.continue': 'Continue where you left off',
  'catalog.start': 'Start the course',
  'catalog.notStarted': 'Not started',
  'catalog.inProgress': '{done} of {total} steps done',
  'catalog.finished': 'Finished',
  'catalog.progressButton': 'Export or import progress',
  'catalog.otherLocale': 'Not yet translated: shown in its original language.',

  'progress.title': 'Your progress',
  'progress.explain': 'Progress is kept in this browser only. Export it to a file to keep a copy or to carry it to another browser.',
  'progress.export': 'Export to a file',
  'progress.import': 'Import from a file',
  'progress.close': 'Close',
  'progress.imported': 'Imported the progress of {count} lesson(s).',
  'progress.notJson': 'That file is not JSON. Choose a file exported by Slipway.',
  'progress.notProgress': 'That file is not a Slipway progress export. Choose a file exported by Slipway.',

  'meta.about': 'About this lesson',
  'meta.minutes': '{minutes} min',
  'meta.nodes': '{nodes} nodes',
  'level.beginner': 'beginner',
  'level.intermediate': 'intermediate',
  'level.advanced': 'advanced',

  'lesson.heading': 'Lesson {order}: {title}',
  'lesson.phoneOnly': 'The terminal needs a wider screen. Read the lesson here, and open it on a computer to practise.',
  'steps.title': 'Steps',
  'steps.progress': '{done} of {total} steps done',
  'steps.stateDone': ' (done)',
  'steps.stateCurrent': ' (current step)',
  'check.now': 'Check now',
  'check.checking': 'Checking…',
  'check.notDone': 'Not done yet:',
  'check.noOutput': 'The check did not pass yet.',
  'code.run': 'Run',
  'code.copy': 'Copy',
  'code.copied': 'Copied',
  'code.copyFailed': 'Copy failed',
  'code.notConnected': 'Not connected',
  'code.hint': 'Hint',
  'code.nextHint': 'Another hint',
  'code.solution': 'Show solution',

  'finish.title': 'Lesson complete',
  'finish.time': 'You finished every step in {time}.',
  'finish.next': 'Next lesson: {title}',
  'finish.catalog': 'Back to all lessons',
  'duration.minutes': '{minutes} min',
  'duration.hours': '{hours} h {minutes} min',
  'duration.seconds': 'under a minute',

  'split.label': 'Resize the lesson and the workspace (arrow keys)',
  'workspace.title': 'Workspace',
  'workspace.tabs': 'Workspace views',
  'tab.editor': 'Editor',
  'tab.ports': 'Ports',
  'nodes.add': 'Add a node',
  'nodes.addLabel': '+ Node',
  'nodes.remove': 'Remove {node}',
  'nodes.limit': 'This lesson uses at most {count} nodes.',
  'nodes.failed': 'Could not change nodes: {reason}',

  'session.timeLeft': '{time} left',
  'session.timeLeftLabel': 'Time left in this sandbox session',
  'session.extend': 'Extend',
  'session.extended': 'Extended',
  'session.reset': 'Reset sandbox',
  'session.resetTitle': 'Reset your sandbox?',
  'session.resetBody': 'This deletes every container, image, volume and file in your sandbox and starts a fresh Docker engine. Your lesson progress is kept.',
  'session.resetConfirm': 'Delete everything and reset',
  'session.cancel': 'Cancel',
  'session.resetting': 'Resetting…',
  'session.failed': 'That did not work: {reason}',

  'terminal.shortcut': '{key} moves focus between the lesson and the terminal',
  'terminal.toTerminal': 'Press {key} to move to the terminal.',
  'terminal.toLesson': 'Your sandbox shell. Press {key} to go back to the lesson.',
  'terminal.newShell': '(reconnected: your previous shell had ended; this is a new one in the same sandbox)',

  'status.connecting': 'Starting your sandbox…',
  'status.queued': 'Every sandbox is in use. You are number {position} in the queue; the terminal opens by itself when it is your turn.',
  'status.ready': 'Connected',
  'status.restored': 'Reconnected: your shell is as you left it.',
  'status.reconnecting': 'Connection lost. Reconnecting to your sandbox…',
  'status.unreachable': 'The Slipway server cannot be reached. Check your network, then try again.',
  'status.engineDown': 'The Docker engine behind Slipway is not answering, so no sandbox can run. Try again in a minute.',
  'status.ended': 'Your session has ended. Start a new sandbox to go on; your progress is kept.',
  'status.expired': 'Your session ended (idle too long or out of time). Start a new sandbox to go on; your progress is kept.',
  'status.gone': 'This sandbox no longer exists. Start a new sandbox to go on; your progress is kept.',
  'status.refused': 'This sandbox did not accept the page’s key. Start a new sandbox to go on.',
  'status.lostForGood': 'Could not reconnect to your sandbox. Try again, or start a new sandbox.',
  'status.unexpected': 'The server answered with something unexpected. Try again.',
  'status.startFailed': 'The server could not start a sandbox (HTTP {status}). Try again.',
  'action.retry': 'Try again',
  'action.newSandbox': 'Start a new sandbox',

  'editor.loading': 'Loading the editor…',
  'editor.loadFailed': 'The editor could not load: {reason}',
  'editor.files': 'Files on {node}',
  'editor.up': 'Up one folder',
  'editor.refresh': 'Refresh',
  'editor.empty': 'This folder is empty.',
  'editor.pick': 'Choose a file to edit it. Ctrl+S saves.',
  'editor.save': 'Save',
  'editor.saving': 'Saving…',
  'editor.saved': 'Saved {path}',
  'editor.unsaved': 'Unsaved changes',
  'editor.newFile': 'New file',
  'editor.newFileName': 'Name of the new file in {path}',
  'editor.failed': '{reason}',

  'ports.title': 'Published ports',
  'ports.none': 'No published ports yet. Run a container with -p, for example -p 8080:80, and it shows up here.',
  'ports.open': 'Open {node}:{port}',
  'ports.opens': 'opens in a new tab',
} as const;

export type MessageKey = keyof typeof en;
type Dictionary = Record<MessageKey, string>;

const zhCN: Dictionary = {
  'site.language': '语言',
  'site.skip': '跳到正文',
  'site.themeToDark': '深色主题',
  'site.themeToLight': '浅色主题',
  'site.themeToggle': '在浅色和深色主题之间切换',
  'notice.dismiss': '关闭',
  'notice.progressDropped': '此浏览器中保存的部分进度无法读取，已被移除（{count} 项）。其余进度保留不变。',
  'notice.preferencesDropped': '保存的设置无法读取，已恢复为默认值。',

  'catalog.title': 'Slipway：交互式 Docker 课程',
  'catalog.description': '在真实终端旁学习 Docker，终端连接到你自己的 Docker 引擎。',
  'catalog.tagline': '交互式 Docker 课程：每节课旁边都有一个连接到你自己 Docker 引擎的真实终端。',
  'catalog.path': '课程路线',
  'catalog.filter': '按主题筛选',
  'catalog.filterAll': '全部主题',
  'catalog.continue': '从上次离开的地方继续',
  'catalog.start': '开始课程',
  'catalog.notStarted': '未开始',
  'catalog.inProgress': '已完成 {done}/{total} 步',
  'catalog.finished': '已完成',
  'catalog.progressButton': '导出或导入进度',
  'catalog.otherLocale': '尚未翻译：以原语言显示。',

  'progress.title': '你的进度',
  'progress.explain': '进度只保存在此浏览器中。导出到文件可以保留副本，或带到另一个浏览器。',
  'progress.export': '导出到文件',
  'progress.import': '从文件导入',
  'progress.close': '关闭',
  'progress.imported': '已导入 {count} 节课的进度。',
  'progress.notJson': '该文件不是 JSON。请选择由 Slipway 导出的文件。',
  'progress.notProgress': '该文件不是 Slipway 进度导出文件。请选择由 Slipway 导出的文件。',

  'meta.about': '关于本课',
  'meta.minutes': '{minutes} 分钟',
  'meta.nodes': '{nodes} 个节点',
  'level.beginner': '入门',
  'level.intermediate': '中级',
  'level.advanced': '高级',

  'lesson.heading': '第 {order} 课：{title}',
  'lesson.phoneOnly': '终端需要更宽的屏幕。你可以在这里阅读课程，在电脑上打开以动手练习。',
  'steps.title': '步骤',
  'steps.progress': '已完成 {done}/{total} 步',
  'steps.stateDone': '（已完成）',
  'steps.stateCurrent': '（当前步骤）',
  'check.now': '立即检查',
  'check.checking': '检查中…',
  'check.notDone': '尚未完成：',
  'check.noOutput': '检查尚未通过。',
  'code.run': '运行',
  'code.copy': '复制',
  'code.copied': '已复制',
  'code.copyFailed': '复制失败',
  'code.notConnected': '未连接',
  'code.hint': '提示',
  'code.nextHint': '再给一个提示',
  'code.solution': '显示答案',

  'finish.title': '本课完成',
  'finish.time': '你用 {time} 完成了所有步骤。',
  'finish.next': '下一课：{title}',
  'finish.catalog': '返回全部课程',
  'duration.minutes': '{minutes} 分钟',
  'duration.hours': '{hours} 小时 {minutes} 分钟',
  'duration.seconds': '不到一分钟',

  'split.label': '调整课程与工作区的宽度（方向键）',
  'workspace.title': '工作区',
  'workspace.tabs': '工作区视图',
  'tab.editor': '编辑器',
  'tab.ports': '端口',
  'nodes.add': '添加节点',
  'nodes.addLabel': '+ 节点',
  'nodes.remove': '移除 {node}',
  'nodes.limit': '本课最多使用 {count} 个节点。',
  'nodes.failed': '无法更改节点：{reason}',

  'session.timeLeft': '剩余 {time}',
  'session.timeLeftLabel': '此沙箱会话的剩余时间',
  'session.extend': '延长',
  'session.extended': '已延长',
  'session.reset': '重置沙箱',
  'session.resetTitle': '重置你的沙箱？',
  'session.resetBody': '这会删除沙箱中的所有容器、镜像、卷和文件，并启动一个全新的 Docker 引擎。你的课程进度会保留。',
  'session.resetConfirm': '全部删除并重置',
  'session.cancel': '取消',
  'session.resetting': '正在重置…',
  'session.failed': '操作失败：{reason}',

  'terminal.shortcut': '{key} 在课程和终端之间切换焦点',
  'terminal.toTerminal': '按 {key} 移动到终端。',
  'terminal.toLesson': '你的沙箱 shell。按 {key} 返回课程。',
  'terminal.newShell': '（已重新连接：之前的 shell 已结束，这是同一沙箱中的新 shell）',

  'status.connecting': '正在启动你的沙箱…',
  'status.queued': '所有沙箱都在使用中。你在队列中排第 {position} 位；轮到你时终端会自动打开。',
  'status.ready': '已连接',
  'status.restored': '已重新连接：你的 shell 保持原样。',
  'status.reconnecting': '连接已断开，正在重新连接你的沙箱…',
  'status.unreachable': '无法连接 Slipway 服务器。请检查网络后重试。',
  'status.engineDown': 'Slipway 背后的 Docker 引擎没有响应，沙箱无法运行。请一分钟后重试。',
  'status.ended': '你的会话已结束。启动新的沙箱即可继续；你的进度会保留。',
  'status.expired': '你的会话已结束（空闲过久或时间用完）。启动新的沙箱即可继续；你的进度会保留。',
  'status.gone': '此沙箱已不存在。启动新的沙箱即可继续；你的进度会保留。',
  'status.refused': '此沙箱不接受页面的密钥。请启动新的沙箱继续。',
  'status.lostForGood': '无法重新连接到你的沙箱。请重试，或启动新的沙箱。',
  'status.unexpected': '服务器返回了意外的内容。请重试。',
  'status.startFailed': '服务器无法启动沙箱（HTTP {status}）。请重试。',
  'action.retry': '重试',
  'action.newSandbox': '启动新的沙箱',

  'editor.loading': '正在加载编辑器…',
  'editor.loadFailed': '编辑器无法加载：{reason}',
  'editor.files': '{node} 上的文件',
  'editor.up': '上一级文件夹',
  'editor.refresh': '刷新',
  'editor.empty': '此文件夹为空。',
  'editor.pick': '选择一个文件进行编辑。Ctrl+S 保存。',
  'editor.save': '保存',
  'editor.saving': '正在保存…',
  'editor.saved': '已保存 {path}',
  'editor.unsaved': '有未保存的更改',
  'editor.newFile': '新建文件',
  'editor.newFileName': '在 {path} 中新建文件的名称',
  'editor.failed': '{reason}',

  'ports.title': '已发布的端口',
  'ports.none': '还没有发布的端口。用 -p 运行一个容器（例如 -p 8080:80），它就会出现在这里。',
  'ports.open': '打开 {node}:{port}',
  'ports.opens': '在新标签页中打开',
};

export const DICTIONARIES: Record<Locale, Dictionary> = { en, 'zh-CN': zhCN };
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', 'zh-CN': '简体中文' };

export type MessageParams = Record<string, string | number>;

/** The message in that locale with its {placeholders} filled in. */
export function translate(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  return DICTIONARIES[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The learner's language: the saved choice, else the first browser language we have, else English. */
export function pickLocale(saved: Locale | undefined, browserLanguages: readonly string[]): Locale {
  if (saved) return saved;
  for (const language of browserLanguages) {
    const lower = language.toLowerCase();
    if (lower === 'en' || lower.startsWith('en-')) return 'en';
    // Traditional-script Chinese readers still read simplified better than English; zh-CN is what we have.
    if (lower === 'zh' || lower.startsWith('zh-')) return 'zh-CN';
  }
  return 'en';
}

export function isMessageKey(key: string): key is MessageKey {
  return key in en;
}
