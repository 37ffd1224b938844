import asyncio

class Suppressor:
    async def __aenter__(self):
        return self

    async def __aexit__(self, exc_type, exc, tb):
        await asyncio.sleep(0)
        print(f"suppressing {exc!r}")
        return True

async def main():
    async with Suppressor():
        print("body starts")
        await asyncio.sleep(1)
        raise RuntimeError("ignored")
    print("after the block")

asyncio.run(main())
