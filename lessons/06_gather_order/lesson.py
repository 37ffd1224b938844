import asyncio

async def slow_operation(delay):
    print(f'Starting operation with delay {delay}')
    await asyncio.sleep(delay)
    print(f'Operation with delay {delay} finished')
    return delay * 2

async def main():
    results = await asyncio.gather(
        slow_operation(2),
        slow_operation(1),
        slow_operation(3)
    )
    print(f'Results: {results}')

asyncio.run(main())
