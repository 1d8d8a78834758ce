// Preloaded (`node --require`) into cold-start children: stdout becomes a no-op sink, as in the bench process.
// The shipped logger writes each line with process.stdout.write, looked up per line, so this replaces only the I/O:
// every decision line is still built and serialized.
process.stdout.write = function noOpWrite(_chunk, encoding, callback) {
  const done = typeof encoding === 'function' ? encoding : callback;
  if (typeof done === 'function') process.nextTick(done);
  return true;
};
