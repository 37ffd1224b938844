// Promise.all rejects as soon as one input rejects; the others keep running.
async function job(name, ms, fail) {
  await new Promise(resolve => setTimeout(resolve, ms));
  if (fail) throw new Error(`${name} failed`);
  console.log(`${name} finished`);
  return name;
}

async function main() {
  try {
    const results = await Promise.all([job("a", 300), job("b", 100, true), job("c", 200)]);
    console.log(results);
  } catch (e) {
    console.log("Promise.all rejected:", e.message);
  }
  const settled = await Promise.allSettled([job("d", 50), job("e", 10, true)]);
  for (const s of settled) console.log(s.status, s.status === "fulfilled" ? s.value : s.reason.message);
}

main();
