// A quiz's answer as it travels in the page: a short hash of the quiz id and the correct option numbers, so
// the answer is not readable in the HTML at a glance. Quizzes are learning checks, not exams: anyone can
// try every combination, and that is fine. (FNV-1a: crypto.subtle is missing on plain-HTTP self-hosted sites.)
export function quizAnswerKey(quizId: string, chosen: readonly number[]): string {
  const text = `${quizId}:${[...chosen].sort((a, b) => a - b).join(',')}`;
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}
