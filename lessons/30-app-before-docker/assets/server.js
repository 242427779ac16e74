const http = require('node:http');
const { reply } = require('./app.js');

const server = http.createServer((req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(reply()) + '\n');
});
server.listen(3000, () => console.log('listening on http://localhost:3000'));
