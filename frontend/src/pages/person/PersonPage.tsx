export default function PersonPage() {
  return (
    <section>
      <h1>PersonPage</h1>
      <p>Not built yet.</p>
    </section>
  );
}
