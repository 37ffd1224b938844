import asyncio

def on_done(fut):
    print(f"callback: the future holds {fut.result()!r}")

async def compute():
    await asyncio.sleep(1)
    return 42

async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.add_done_callback(on_done)
    loop.call_later(1, fut.set_result, "the answer")
    print("main waits for the future")
    result = await fut
    print(f"main got {result!r}")

    task = asyncio.create_task(compute())
    task.add_done_callback(on_done)
    print(f"task done? {task.done()}")
    await task
    print(f"task done? {task.done()}, result {task.result()}")

asyncio.run(main())
