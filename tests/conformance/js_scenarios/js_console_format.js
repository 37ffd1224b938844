// console.log formatting, as util.inspect lays values out.
console.log([1, 2, 3], "and", ["a", "b"]);
console.log([1, 2, 3, 4, 5, 6, 7]);
console.log(Array.from({ length: 30 }, (_, i) => i * 3));
console.log(["Task A completed", "Task B completed", "Task C completed", "Task D completed"]);
console.log([0.1 + 0.2, 1e21, -0, 1 / 3, 100, 2 ** 53, 1e-7, 123e-20]);
console.log(`${-0} ${1e21} ${0.5}`, true, null, undefined);
console.log(["it's", 'say "hi"', "tab\there"]);
console.log({ name: "Ada", born: 1815, langs: ["en", "fr"] });
console.log("%s has %d items costing %f", "cart", 3, 9.5, "extra");
console.log([[1, [2, [3, [4]]]]]);
console.log([]);
