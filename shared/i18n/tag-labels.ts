// Lesson topics (a lesson's `tags`) as the catalog shows them. Tags stay English in the lessons (one source of
// truth, stable filter ids); each locale but English names them here in the established vocabulary of
// "Docker 从入门到实践". A tag without a label shows as written; tag-labels.test.ts fails on any the course uses.
import type { Locale } from '../contracts/browser-state-schemas.ts';

const zhCN: Record<string, string> = {
  api: 'API',
  backup: '备份',
  'base-images': '基础镜像',
  basics: '基础',
  build: '构建',
  buildkit: 'BuildKit',
  cache: '构建缓存',
  cgroups: 'cgroups',
  cmd: 'CMD',
  commit: 'commit',
  compose: 'Compose',
  containers: '容器',
  data: '数据',
  distribution: '镜像分发',
  dns: 'DNS',
  dockerfile: 'Dockerfile',
  entrypoint: 'ENTRYPOINT',
  env: '环境变量',
  events: '事件',
  hardening: '安全加固',
  healthcheck: '健康检查',
  'image-size': '镜像体积',
  images: '镜像',
  inspect: '查看详情',
  labels: '标签',
  layers: '分层存储',
  legacy: '旧式用法',
  logs: '日志',
  'multi-stage': '多阶段构建',
  networking: '网络通信',
  networks: '网络',
  nginx: 'nginx',
  node: 'Node.js',
  offline: '离线',
  onboarding: '入门',
  onbuild: 'ONBUILD',
  operations: '运维',
  orchestration: '编排',
  ports: '端口',
  proxy: '代理',
  registry: '仓库',
  reliability: '可靠性',
  resources: '资源限制',
  scaling: '伸缩',
  scripting: '脚本',
  security: '安全',
  storage: '存储',
  swarm: 'Swarm',
  terminal: '终端',
  volumes: '数据卷',
  web: 'Web',
  webcontainer: 'WebContainer',
};

const LABELS: Record<Exclude<Locale, 'en'>, Record<string, string>> = { 'zh-CN': zhCN };

export function tagLabel(locale: Locale, tag: string): string {
  return locale === 'en' ? tag : (Object.hasOwn(LABELS[locale], tag) ? LABELS[locale][tag] : undefined) ?? tag;
}

/** The tags `locale` has no label for (empty for English). */
export function unlabelledTags(locale: Locale, tags: readonly string[]): string[] {
  return locale === 'en' ? [] : tags.filter((tag) => !Object.hasOwn(LABELS[locale], tag));
}
