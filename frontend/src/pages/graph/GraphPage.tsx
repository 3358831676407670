export default function GraphPage() {
  return (
    <section>
      <h1>GraphPage</h1>
      <p>Not built yet.</p>
    </section>
  );
}
