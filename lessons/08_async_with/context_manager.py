import asyncio

class AsyncContextManager:
    async def __aenter__(self):
        print("Entering context")
        return self

    async def __aexit__(self, exc_type, exc, tb):
        print("Exiting context")

async def main():
    async with AsyncContextManager() as manager:
        print("Inside context")

asyncio.run(main())
