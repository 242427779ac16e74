// What the app answers: kept apart from the server so the tests can call it without a port.
function reply() {
  return { message: 'Hello from Node', node: process.version };
}

module.exports = { reply };
