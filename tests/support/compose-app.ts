// A two-service Compose app from the kit (nginx proxying to slipway/whoami), shared by the registry mirror
// test and the pull bench. `curl localhost:8090` answers "Hostname: backend" once it is up.
export const COMPOSE_PORT = 8090;

export const COMPOSE_FILE = [
  'services:',
  '  web:',
  '    image: slipway/whoami',
  '    hostname: backend',
  '  proxy:',
  '    image: nginx',
  `    ports: ["${COMPOSE_PORT}:80"]`,
  '    depends_on: [web]',
  '    command: ["sh", "-c", "echo \'server { listen 80; location / { proxy_pass http://web; } }\' > /etc/nginx/conf.d/default.conf && exec nginx -g \'daemon off;\'"]',
].join('\n');

/** Shell that writes the app to `dir`/compose.yaml. */
export const writeComposeApp = (dir: string) => `mkdir -p ${dir} && cat > ${dir}/compose.yaml <<'EOF'\n${COMPOSE_FILE}\nEOF`;

/** Shell that waits up to 10 s for `url` to answer and prints the body. */
export const curlUntilUp = (url: string) => `for i in $(seq 50); do curl -fs ${url} && exit 0; sleep 0.2; done; exit 1`;
