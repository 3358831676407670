export default function AppPage() {
  return (
    <section>
      <h1>AppPage</h1>
      <p>Not built yet.</p>
    </section>
  );
}
