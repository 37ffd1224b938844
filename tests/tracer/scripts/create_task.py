import asyncio


async def slow_operation(delay):
    print(f"Starting operation with delay {delay}")
    await asyncio.sleep(delay)
    print(f"Operation with delay {delay} finished")
    return delay * 2


async def main():
    task1 = asyncio.create_task(slow_operation(2))
    task2 = asyncio.create_task(slow_operation(1))
    result1 = await task1
    result2 = await task2
    print(f"Results: {result1}, {result2}")


asyncio.run(main())
