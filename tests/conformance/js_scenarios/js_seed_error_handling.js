// Seed 002: try/catch inside async functions, and .catch() in a promise chain.
async function fetchUser(id) {
  await new Promise(resolve => setTimeout(resolve, 100));
  if (id < 0) throw new Error(`no user ${id}`);
  return { id, name: "Ada" };
}

async function main() {
  try {
    const user = await fetchUser(1);
    console.log("got", user.name);
    await fetchUser(-1);
    console.log("not reached");
  } catch (e) {
    console.log("caught:", e.message);
  } finally {
    console.log("finally runs");
  }
  fetchUser(-2)
    .then(user => console.log("not reached either", user.name))
    .catch(e => console.log(".catch got", e.message))
    .finally(() => console.log("chain done"));
  console.log("main returns");
}

main();
