'use client';

import { useState } from 'react';

export function AddToCart({ name }: { name: string }) {
  const [count, setCount] = useState(0);
  return (
    <div className="cart">
      <button type="button" onClick={() => setCount((c) => c + 1)}>
        Add {name} to cart
      </button>
      <output aria-live="polite">{count === 0 ? 'Cart is empty' : `${count} in cart`}</output>
    </div>
  );
}
