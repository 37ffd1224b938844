import asyncio

class Connection:
    def __init__(self, name):
        self.name = name

    async def __aenter__(self):
        print(f"open {self.name}")
        await asyncio.sleep(0.5)
        return f"{self.name} (open)"

    async def __aexit__(self, exc_type, exc, tb):
        print(f"close {self.name}: {repr(exc) if exc else 'clean'}")
        await asyncio.sleep(0.5)
        return False

async def main():
    try:
        async with Connection("db") as conn:
            print(f"using {conn}")
            await asyncio.sleep(1)
            raise ValueError("query failed")
        print("not reached")
    except ValueError as e:
        print(f"caught {e}")

asyncio.run(main())
