// finally() adopts a promise, so it takes two more ticks than then(); so does resolve(promise).
const log = s => console.log(s);
Promise.resolve(1).finally(() => log("finally callback")).then(v => log(`after finally: ${v}`));
Promise.resolve(2).then(v => log(`then: ${v}`)).then(() => log("then 2")).then(() => log("then 3")).then(() => log("then 4"));
new Promise(resolve => resolve(Promise.resolve(3))).then(v => log(`resolved with a promise: ${v}`));
Promise.reject(new Error("x")).catch(e => log(`catch: ${e.message}`)).then(v => log(`after catch: ${v}`));
Promise.all([]).then(v => log(`all([]): ${v.length}`));
Promise.race([Promise.resolve("r")]).then(v => log(`race: ${v}`));
