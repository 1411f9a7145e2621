import { categories } from './_data/catalog';

export default function Home() {
  return (
    <>
      <h1>Clay, glazes and tools</h1>
      <p>Pick a shelf.</p>
      <ul className="cards">
        {categories.map((c) => (
          <li key={c.slug}>
            <a href={`/shop/${c.slug}`}>
              <strong>{c.name}</strong>
            </a>
            <p>{c.description}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
